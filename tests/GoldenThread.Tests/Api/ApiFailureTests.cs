using System.Text.Json;
using GoldenThread.Api;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web;

namespace GoldenThread.Tests.Api;

/// <summary>When the API itself fails, a caller gets a problem with a reference to quote, not the site's HTML error page.</summary>
public sealed class ApiFailureTests
{
    [Fact]
    public async Task Scorecard_OnADatabaseMissingItsFigures_Is500ProblemWithAReference()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var person = await TestPeople.AddAsync(database, "reader@example.org");
        var token = await TestPeople.TokenAsync(database, person.Id, GoldenThread.Tokens.TokenScope.Read);
        await using (var db = database.Open())
        {
            // The figures go; the people and their tokens stay, so the request gets as far as the scorecard.
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "DROP TABLE indicator_values");
        }

        await using var app = WebApp.Build(new WebAppOptions(database, ["http://127.0.0.1:0"]) { RequireHttps = false, KeyCertificate = GoldenThread.Accounts.KeyCertificates.ForThisRun });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync(new Uri("/api/v1/scorecard?period=2009-10-Q2", UriKind.Relative));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ApiProblems.ServerErrorTitle, problem.GetProperty("title").GetString());
        Assert.Contains("give them this reference", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await app.StopAsync();
    }
}
