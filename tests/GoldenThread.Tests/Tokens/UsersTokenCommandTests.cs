using System.Net.Http.Headers;
using System.Text;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Tokens;

/// <summary><c>users token</c>: prints a token that works against the API, and refuses what it should, with exit code 1.</summary>
public sealed class UsersTokenCommandTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task PrintsOnlyAToken_ThatSubmitsThroughTheApi()
    {
        var email = host.Account(Role.DeliveryLead).Email;

        var result = await RunAsync("--email", email, "--scope", "submit", "--expires-in", "12h", "--name", "Nightly upload");
        var token = result.Out.TrimEnd('\n', '\r');

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(TokenSecrets.LooksLikeSecret(token), result.Out);
        Assert.Equal(token + Environment.NewLine, result.Out);
        Assert.Contains("expires", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Error, StringComparison.Ordinal);

        using var client = host.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var content = new StringContent("""{"actual": 0.31}""", Encoding.UTF8, "application/json");
        using var response = await client.PutAsync(new Uri("/api/v1/figures/NI%2015/HRT/2007-08-Q3", UriKind.Relative), content);
        Assert.Equal(200, (int)response.StatusCode);

        await using var db = host.Database.Open();
        var stored = await db.ApiTokens.SingleAsync(t => t.Hash == TokenSecrets.Hash(token));
        Assert.Equal("Nightly upload", stored.Name);
        Assert.Equal(TokenScope.Submit, stored.Scope);
        Assert.Equal(TimeSpan.FromHours(12), stored.ExpiresAt - stored.CreatedAt);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TokenCreated && e.ActorName == AuditActor.CommandLine.Name && e.SubjectName == email));
    }

    [Fact]
    public async Task AReadToken_Reads_ButDoesNotSubmit()
    {
        var result = await RunAsync("--email", host.Account(Role.DeliveryLead).Email, "--scope", "read", "--expires-in", "52w");

        Assert.True(result.ExitCode == 0, result.Error);
        using var client = host.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", result.Out.Trim());
        using var read = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
        using var content = new StringContent("""{"actual": 0.31}""", Encoding.UTF8, "application/json");
        using var write = await client.PutAsync(new Uri("/api/v1/figures/NI%2015/HRT/2007-08-Q4", UriKind.Relative), content);
        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal(403, (int)write.StatusCode);
    }

    public static TheoryData<string[], string> Refusals => new()
    {
        { ["--email", "nobody@example.org", "--scope", "read", "--expires-in", "30d"], "No one has the email address" },
        { ["--email", "auditor@wessexshire.example", "--scope", "submit", "--expires-in", "30d"], "may submit no figures" },
        { ["--email", "auditor@wessexshire.example", "--scope", "read", "--expires-in", "30x"], "is not a duration" },
        { ["--email", "auditor@wessexshire.example", "--scope", "read", "--expires-in", "d"], "is not a duration" },
        { ["--email", "auditor@wessexshire.example", "--scope", "read", "--expires-in", "-3d"], "is not a duration" },
        { ["--email", "auditor@wessexshire.example", "--scope", "read", "--expires-in", "0h"], "at least an hour" },
        { ["--email", "auditor@wessexshire.example", "--scope", "read", "--expires-in", "367d"], "at most 366 days" },
        { ["--email", "auditor@wessexshire.example", "--scope", "read", "--expires-in", "53w"], "at most 366 days" },
        { ["--email", "auditor@wessexshire.example", "--scope", "write", "--expires-in", "30d"], "write" },
        { ["--email", "auditor@wessexshire.example", "--scope", "read"], "--expires-in" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesBadInput_WithAClearMessage_AndMakesNoToken(string[] arguments, string expected)
    {
        int before;
        await using (var db = host.Database.Open())
        {
            before = await db.ApiTokens.CountAsync();
        }

        var result = await RunAsync(arguments);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(TokenSecrets.Marker, result.Out, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        await using (var db = host.Database.Open())
        {
            Assert.Equal(before, await db.ApiTokens.CountAsync());
        }
    }

    [Fact]
    public async Task RefusesADeactivatedPerson()
    {
        var person = await TestPeople.AddAsync(host.Database, "gone@example.org", new Grant(Role.PerformanceOfficer));
        await using (var db = host.Database.Open(tracking: true))
        {
            var stored = await db.People.SingleAsync(p => p.Id == person.Id);
            stored.DeactivatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        var result = await RunAsync("--email", "gone@example.org", "--scope", "read", "--expires-in", "7d");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Contains("deactivated", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12h", 12)]
    [InlineData("30d", 30 * 24)]
    [InlineData("52w", 52 * 7 * 24)]
    [InlineData("366d", 366 * 24)]
    [InlineData(" 7D ", 7 * 24)]
    public void Durations_AreHoursDaysOrWeeks(string text, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), UsersTokenCommand.ParseDuration(text));

    private Task<CliRunner.Result> RunAsync(params string[] arguments) =>
        CliRunner.RunAsync(["--database", host.Database.ConnectionString, "users", "token", .. arguments]);
}
