using System.Net;
using System.Net.Http.Headers;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Access;

/// <summary>
/// The authorisation matrix against the running site, on SQLite and on PostgreSQL: every endpoint the application
/// exposes is listed in <see cref="AuthorisationMatrix"/>, and every listed endpoint gives each persona the outcome
/// the matrix expects.
/// </summary>
public abstract class AuthorisationMatrixTests(WebTestHost host)
{
    [Fact]
    public void Every_endpoint_of_the_running_site_is_in_the_matrix_and_every_row_still_exists()
    {
        var exposed = ExposedEndpoints().ToHashSet();
        var listed = AuthorisationMatrix.Rows.Select(r => (r.Method, r.Pattern)).ToHashSet();

        var missing = exposed.Except(listed).Select(e => $"{e.Method} {e.Pattern}").Order().ToList();
        var stale = listed.Except(exposed).Select(e => $"{e.Method} {e.Pattern}").Order().ToList();

        Assert.True(missing.Count == 0, "Endpoints with no row in the authorisation matrix (add one, with a decision for every persona): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Matrix rows for endpoints the site no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public void Every_static_file_is_open_to_all_and_is_nothing_but_a_file()
    {
        var files = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            .ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.NotNull(f.Metadata.GetMetadata<IAllowAnonymous>()));
        Assert.All(files, f => Assert.Equal(["GET", "HEAD"], f.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods));
    }

    [Fact]
    public async Task Every_persona_gets_the_expected_outcome_at_every_endpoint()
    {
        var clients = await PersonaClientsAsync();
        var wrong = new List<string>();
        foreach (var row in AuthorisationMatrix.Rows)
        {
            for (var persona = 0; persona < clients.Count; persona++)
            {
                var method = row.Method == "*" ? "GET" : row.Method;
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(row.Sample, UriKind.Relative));
                if (method == "POST" && row.Sample.StartsWith("/api/", StringComparison.Ordinal))
                {
                    // The API's posts take JSON: an empty object, as for PUT below.
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                else if (method == "POST")
                {
                    // A form with no anti-forgery token: a caller who passes authorisation gets the page's own 400.
                    request.Content = new FormUrlEncodedContent([]);
                }
                else if (method == "PUT")
                {
                    // An empty JSON object: a caller who passes authorisation gets the operation's own answer.
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await clients[persona].SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    // A server error is never a decision: it hides whether the persona would have been let in.
                    wrong.Add($"{method} {row.Sample} as {AuthorisationMatrix.Personas[persona]}: server error {(int)response.StatusCode}");
                    continue;
                }

                var actual = Classify(response);
                if (actual != row.ExpectedFor(persona))
                {
                    var body = await response.Content.ReadAsStringAsync();
                    wrong.Add($"{method} {row.Sample} as {AuthorisationMatrix.Personas[persona]}: expected {row.ExpectedFor(persona)}, got {actual} ({(int)response.StatusCode} {response.Headers.Location} {body[..Math.Min(body.Length, 160)]})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    internal static Outcome Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Outcome.SignIn,
            HttpStatusCode.Forbidden => Outcome.Forbidden,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/sign-in", StringComparison.Ordinal) => Outcome.SignIn,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/access-denied", StringComparison.Ordinal) => Outcome.Forbidden,
            _ => Outcome.Allowed,
        };
    }

    /// <summary>Every (method, route pattern) the site answers, from its own endpoint data source; static files are checked separately.</summary>
    private IEnumerable<(string Method, string Pattern)> ExposedEndpoints()
    {
        foreach (var endpoint in host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            {
                continue;
            }

            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
            {
                var methods = page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToList();
                foreach (var method in methods.Count == 0 ? ["GET"] : methods)
                {
                    yield return (method, pattern);
                }

                continue;
            }

            var http = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (http is null || http.Count == 0)
            {
                yield return ("*", pattern);
                continue;
            }

            foreach (var method in http.Where(m => m != "HEAD"))
            {
                yield return (method, pattern);
            }
        }
    }

    /// <summary>One client per persona, in the order of <see cref="AuthorisationMatrix.Personas"/>; none follows redirects.</summary>
    private async Task<List<HttpClient>> PersonaClientsAsync()
    {
        var clients = new List<HttpClient> { host.NewClient(followRedirects: false) };
        foreach (var role in new[] { Role.Administrator, Role.PerformanceOfficer, Role.IndicatorOwner, Role.IndicatorDeputy, Role.DeliveryLead, Role.TargetSponsor, Role.BodyMember, Role.Auditor })
        {
            clients.Add(await host.SignInAsync(role, followRedirects: false));
        }

        clients.Add(await TokenClientAsync(Role.PerformanceOfficer, TokenScope.Read));
        clients.Add(await TokenClientAsync(Role.DeliveryLead, TokenScope.Submit));
        return clients;
    }

    private async Task<HttpClient> TokenClientAsync(Role role, TokenScope scope)
    {
        var person = await PersonIdAsync(host.Account(role).Email);
        var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestPeople.TokenAsync(host.Database, person, scope));
        return client;
    }

    private async Task<int> PersonIdAsync(string email)
    {
        await using var db = host.Database.Open();
        return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.People, p => p.Email == email)).Id;
    }
}

public sealed class AuthorisationMatrixOnSqliteTests(WebTestHost host) : AuthorisationMatrixTests(host), IClassFixture<WebTestHost>;

public sealed class AuthorisationMatrixOnPostgresTests(PostgresWebTestHost host) : AuthorisationMatrixTests(host), IClassFixture<PostgresWebTestHost>;
