using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GoldenThread.Api;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Returns;

/// <summary>
/// <c>PUT /api/v1/figures/...</c> over the real host on each database: who may submit what, with which token, and
/// that a refused or bad submission changes nothing. Each test uses its own area or period, as the host is shared.
/// </summary>
public abstract class SubmitFigureApiTests(WebTestHost host)
{
    private const string Ni15 = "NI%2015";

    [Fact]
    public async Task ASubmittedFigure_IsWhatTheScorecardAssesses()
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);

        // Hartmere has no NI 15 figures for 2008-09 in the demonstration until this submission.
        using var write = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2008-09-Q1", """{"actual": 0.61, "projected_outturn": 0.9}""");
        using var after = await client.GetAsync(new Uri("/api/v1/scorecard?period=2008-09-Q1&area=HRT", UriKind.Relative));
        var entries = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("entries");
        var entry = entries.EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == "NI 15");

        Assert.Equal(200, (int)write.StatusCode);
        Assert.Equal(0.61m, entry.GetProperty("actual").GetDecimal());
        Assert.Equal(0.9m, entry.GetProperty("projected_outturn").GetDecimal());
    }

    [Fact]
    public async Task ReadToken_CannotSubmit_ButCanRead()
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Read);
        using var client = Bearer(token);

        using var read = await client.GetAsync(new Uri($"/api/v1/indicators/{Ni15}?area=HRT", UriKind.Relative));
        using var write = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2009-10-Q1", """{"actual": 0.3}""");

        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal(403, (int)write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Null(await StoredAsync("NI 15", "HRT", "2009-10-Q1"));
    }

    [Fact]
    public async Task DeliveryLead_SubmitsTheirIndicatorInTheirArea_StoredWithAnAuditEntry()
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);

        using var first = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2009-10-q2", """{"actual": 0.50, "projected_outturn": 1.1, "note": " Two incidents reclassified "}""");
        var firstBody = await first.Content.ReadAsStringAsync();
        using var second = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2009-10-Q2", """{"actual": 0.45, "projected_outturn": 1.1, "note": "Two incidents reclassified"}""");
        var answer = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;

        Assert.True((int)first.StatusCode == 200, firstBody);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal("NI 15", answer.GetProperty("indicator").GetString());
        Assert.Equal("HRT", answer.GetProperty("area").GetString());
        Assert.Equal("2009-10-Q2", answer.GetProperty("period").GetString());
        Assert.Equal(0.45m, answer.GetProperty("actual").GetDecimal());
        Assert.Equal(1.1m, answer.GetProperty("projected_outturn").GetDecimal());
        Assert.Equal("Two incidents reclassified", answer.GetProperty("note").GetString());

        var stored = await StoredAsync("NI 15", "HRT", "2009-10-Q2");
        Assert.NotNull(stored);
        Assert.Equal(0.45m, stored.Actual);
        Assert.Equal(1.1m, stored.ProjectedOutturn);
        Assert.Equal("Two incidents reclassified", stored.Note);
        Assert.Equal(Domain.Periods.Period.Parse("2009-10-Q2").StartOrdinal, stored.PeriodStart);

        await using var db = host.Database.Open();
        var lead = host.Account(Role.DeliveryLead).Email;
        var entries = await db.AuditEntries.Where(e => e.Action == AuditActions.FigureSubmitted && e.ActorName == lead)
            .Select(e => e.Detail).ToListAsync();
        Assert.Contains("NI 15 in Hartmere, 2009-10-Q2: new row, actual N/A → 0.5; projected outturn N/A → 1.1; note added", entries);
        Assert.Contains("NI 15 in Hartmere, 2009-10-Q2: actual 0.5 → 0.45", entries);
    }

    [Theory]
    [InlineData("NI%2015", "LNB", "the same indicator in another area")]
    [InlineData("NI%2016", "HRT", "another police indicator")]
    [InlineData("NI%20117", "HRT", "a county council indicator")]
    public async Task DeliveryLead_CannotSubmitOtherFigures(string indicator, string area, string what)
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);

        using var response = await PutAsync(client, $"/api/v1/figures/{indicator}/{area}/2009-10", """{"actual": 1}""");

        Assert.True((int)response.StatusCode == 403, $"{what}: {(int)response.StatusCode}");
        Assert.Null(await StoredAsync(Uri.UnescapeDataString(indicator), area, "2009-10"));
    }

    [Fact]
    public async Task PerformanceOfficer_SubmitsCouncilFigures_ButNotPoliceFigures()
    {
        var token = await TokenForAsync(Role.PerformanceOfficer, TokenScope.Submit);
        using var client = Bearer(token);

        using var council = await PutAsync(client, "/api/v1/figures/NI%20117/FNM/2009-10-M03", """{"actual": 6.2}""");
        using var police = await PutAsync(client, $"/api/v1/figures/{Ni15}/FNM/2009-10-Q3", """{"actual": 0.2}""");

        Assert.Equal(200, (int)council.StatusCode);
        Assert.Equal(403, (int)police.StatusCode);
        Assert.Equal(6.2m, (await StoredAsync("NI 117", "FNM", "2009-10-M03"))?.Actual);
        Assert.Null(await StoredAsync("NI 15", "FNM", "2009-10-Q3"));
    }

    [Fact]
    public async Task ExpiredAndRevokedTokens_Get401()
    {
        var personId = await PersonIdAsync(Role.DeliveryLead);
        var expired = await TestPeople.TokenAsync(host.Database, personId, TokenScope.Submit);
        var revoked = await TestPeople.TokenAsync(host.Database, personId, TokenScope.Submit);
        await using (var db = host.Database.Open(tracking: true))
        {
            var expiring = await db.ApiTokens.SingleAsync(t => t.Hash == TokenSecrets.Hash(expired));
            expiring.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            var revoking = await db.ApiTokens.SingleAsync(t => t.Hash == TokenSecrets.Hash(revoked));
            revoking.RevokedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        foreach (var (token, reason) in new[] { (expired, "expired"), (revoked, "revoked") })
        {
            using var client = Bearer(token);
            using var write = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2009-10-Q3", """{"actual": 0.7}""");
            using var read = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
            Assert.Equal(401, (int)write.StatusCode);
            Assert.Equal(401, (int)read.StatusCode);
            Assert.Contains(reason, write.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        Assert.Null(await StoredAsync("NI 15", "HRT", "2009-10-Q3"));
    }

    [Fact]
    public async Task SignedInBrowser_CannotSubmit_WithItsCookie()
    {
        using var browser = await host.SignInAsync(Role.DeliveryLead);

        using var read = await browser.GetAsync(new Uri($"/api/v1/indicators/{Ni15}", UriKind.Relative));
        using var write = await PutAsync(browser, $"/api/v1/figures/{Ni15}/HRT/2009-10-Q4", """{"actual": 0.9}""");

        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal(401, (int)write.StatusCode);
        Assert.Null(await StoredAsync("NI 15", "HRT", "2009-10-Q4"));
    }

    public static TheoryData<string, string, string> BadFigures => new()
    {
        { "2008-09-M07", """{"actual": 0.2}""", "actual" },
        { "2008-09-H1", """{"projected_outturn": 0.2}""", "projected_outturn" },
        { "2008-09-Q5", """{"actual": 0.2}""", "period" },
        { "2008-09-Q2", """{"actual": "0.2"}""", "actual" },
        { "2008-09-Q2", """{"projected_outturn": true}""", "projected_outturn" },
        { "2008-09-Q2", """{"note": 12}""", "note" },
        { "2008-09-Q2", """{"actul": 0.2}""", "body" },
        { "2008-09-Q2", """[0.2]""", "body" },
        { "2008-09-Q2", """{"actual": 0.2""", "body" },
        { "2009-10-Q1", "null", "body" },
        { "2008-09-Q2", """{"note": "NOTE"}""", "note" },
        { "2010-11-Q1", """{"actual": 0.2}""", "period" },
        { "2999-00-Q4", """{}""", "period" },
        { "2008-09-Q2", """{"actual": 1000000000000.01}""", "actual" },
        { "2008-09-Q2", """{"projected_outturn": -79228162514264337593543950335}""", "projected_outturn" },
        { "2008-09-Q2", """{"actual": 0.12345678901234567890123456789}""", "actual" },
        { "2008-09-Q2", """{"actual": 1e-29}""", "actual" },
    };

    [Fact]
    public async Task AFigureForAPeriodToCome_IsRefused_SayingToday()
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);

        // The test hosts run on the demonstration's clock: 16 November 2009, inside 2009-10 and before its Q4.
        using var started = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2009-10", """{"projected_outturn": 0.9}""");
        using var toCome = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2009-10-Q4", """{"projected_outturn": 0.9}""");
        var problem = JsonDocument.Parse(await toCome.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)started.StatusCode);
        Assert.Equal(400, (int)toCome.StatusCode);
        Assert.Equal(
            "2009-10-Q4 has not started yet (it starts on 1 January 2010); figures are for periods that have started by today, 16 November 2009",
            problem.GetProperty("errors").GetProperty("period")[0].GetString());
        Assert.Null(await StoredAsync("NI 15", "HRT", "2009-10-Q4"));
    }

    [Fact]
    public async Task AFigureBeyondTheMaximumMagnitude_IsRefused_WithTheLimit()
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);

        using var response = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2008-09-Q4", """{"actual": 5000000000000}""");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("at most 1000000000000 either side of zero", problem.GetProperty("errors").GetProperty("actual")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync("NI 15", "HRT", "2008-09-Q4"));
    }

    [Fact]
    public async Task AFigureWithMoreDigitsThanADecimalHolds_IsRefused_NotRounded()
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);

        using var response = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2008-09-Q4", """{"actual": 0.1234567890123456789012345678901}""");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("more than 28 significant digits", problem.GetProperty("errors").GetProperty("actual")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync("NI 15", "HRT", "2008-09-Q4"));
    }

    [Theory]
    [MemberData(nameof(BadFigures))]
    public async Task BadFigures_Are400NamingTheField_AndChangeNothing(string period, string body, string field)
    {
        body = body.Replace("NOTE", new string('x', 4001), StringComparison.Ordinal);
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);
        int audited;
        int rows;
        await using (var db = host.Database.Open())
        {
            audited = await db.AuditEntries.CountAsync(e => e.Action == AuditActions.FigureSubmitted);
            rows = await db.Values.CountAsync();
        }

        using var response = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/{period}", body);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;

        Assert.True((int)response.StatusCode == 400, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), text);
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        await using (var db = host.Database.Open())
        {
            Assert.Equal(rows, await db.Values.CountAsync());
            Assert.Equal(audited, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.FigureSubmitted));
        }
    }

    [Fact]
    public async Task AFigureOutsideTheIndicatorsRange_Is400ForThatField()
    {
        var token = await TokenForAsync(Role.PerformanceOfficer, TokenScope.Submit);
        using var client = Bearer(token);

        using var response = await PutAsync(client, "/api/v1/figures/NI%20117/WTD/2009-10-M04", """{"actual": 12, "projected_outturn": 101}""");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(ApiProblems.InvalidFieldTitle, problem.GetProperty("title").GetString());
        Assert.False(problem.GetProperty("errors").TryGetProperty("actual", out _));
        Assert.Contains("outside NI 117's range of 0 to 100", problem.GetProperty("errors").GetProperty("projected_outturn")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync("NI 117", "WTD", "2009-10-M04"));
    }

    [Theory]
    [InlineData("NI%2099999/HRT", "no indicator")]
    [InlineData("ni%2015/HRT", "did you mean 'NI 15'")]
    [InlineData("NI%2015/NOWHERE", "no area")]
    public async Task UnknownCodes_Are404(string path, string expected)
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);

        using var response = await PutAsync(client, $"/api/v1/figures/{path}/2009-10", """{"actual": 1}""");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_AMistakenRow_LeavesNoRow_AndAuditsWhatItHeldAndWhy()
    {
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);
        using var put = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2008-09-Q3", """{"actual": 0.33, "note": "Typed in the wrong row"}""");
        Assert.Equal(200, (int)put.StatusCode);

        using var withdraw = await client.DeleteAsync(new Uri($"/api/v1/figures/{Ni15}/HRT/2008-09-q3?reason=Entered%20against%20the%20wrong%20area", UriKind.Relative));
        using var again = await client.DeleteAsync(new Uri($"/api/v1/figures/{Ni15}/HRT/2008-09-Q3?reason=Twice", UriKind.Relative));

        Assert.Equal(204, (int)withdraw.StatusCode);
        Assert.Equal(404, (int)again.StatusCode);
        Assert.Null(await StoredAsync("NI 15", "HRT", "2008-09-Q3"));
        await using var db = host.Database.Open();
        var lead = host.Account(Role.DeliveryLead).Email;
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.FigureWithdrawn && e.ActorName == lead);
        Assert.Equal(
            "NI 15 in Hartmere, 2008-09-Q3: withdrawn (it held actual 0.33; projected outturn N/A; note 'Typed in the wrong row'). Reason: Entered against the wrong area",
            entry.Detail);
    }

    [Theory]
    [InlineData("", "reason")]
    [InlineData("?reason=%20%20", "reason")]
    [InlineData("?reason=Bad%E2%80%AEtext", "reason")]
    public async Task Withdraw_WithoutAGoodReason_Is400_AndKeepsTheRow(string query, string field)
    {
        var token = await TokenForAsync(Role.PerformanceOfficer, TokenScope.Submit);
        using var client = Bearer(token);

        using var response = await client.DeleteAsync(new Uri($"/api/v1/figures/NI%20117/WSX/2009-10-M01{query}", UriKind.Relative));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.NotNull(await StoredAsync("NI 117", "WSX", "2009-10-M01"));
    }

    [Fact]
    public async Task Withdraw_SomeoneElsesFigures_OrWithAReadToken_Is403_AndKeepsTheRow()
    {
        var lead = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        var reader = await TokenForAsync(Role.PerformanceOfficer, TokenScope.Read);
        using var leadClient = Bearer(lead);
        using var readClient = Bearer(reader);

        using var other = await leadClient.DeleteAsync(new Uri("/api/v1/figures/NI%20117/WSX/2009-10-M01?reason=Mine", UriKind.Relative));
        using var read = await readClient.DeleteAsync(new Uri("/api/v1/figures/NI%20117/WSX/2009-10-M01?reason=Mine", UriKind.Relative));

        Assert.Equal(403, (int)other.StatusCode);
        Assert.Equal(403, (int)read.StatusCode);
        Assert.NotNull(await StoredAsync("NI 117", "WSX", "2009-10-M01"));
    }

    [Fact]
    public async Task ConcurrentSubmissions_OfOneFigure_LeaveAnUnbrokenChainOfOldAndNewValues()
    {
        const int Submissions = 60;
        var token = await TokenForAsync(Role.DeliveryLead, TokenScope.Submit);
        using var client = Bearer(token);

        var answers = await Task.WhenAll(Enumerable.Range(1, Submissions).Select(async i =>
        {
            var actual = (1m + (i / 100m)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var response = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2007-08", $$"""{"actual": {{actual}}}""");
            return (int)response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(200, status));
        await using var db = host.Database.Open();
        var details = await db.AuditEntries
            .Where(e => e.Action == AuditActions.FigureSubmitted && e.SubjectName == "NI 15 in Hartmere, 2007-08")
            .OrderBy(e => e.Id)
            .Select(e => e.Detail)
            .ToListAsync();
        Assert.Equal(Submissions, details.Count);
        Assert.StartsWith("NI 15 in Hartmere, 2007-08: new row, actual N/A → ", details[0], StringComparison.Ordinal);
        var links = details.Select(d => System.Text.RegularExpressions.Regex.Match(d, "actual (\\S+) → (\\S+)")).ToList();
        Assert.All(links, link => Assert.True(link.Success));
        var broken = Enumerable.Range(1, links.Count - 1)
            .Where(i => links[i].Groups[1].Value != links[i - 1].Groups[2].Value)
            .Select(i => $"{details[i - 1]} | {details[i]}")
            .ToList();
        Assert.True(broken.Count == 0, $"{broken.Count} broken links:\n" + string.Join('\n', broken));
        Assert.Equal(decimal.Parse(links[^1].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), (await StoredAsync("NI 15", "HRT", "2007-08"))?.Actual);
    }

    [Fact]
    public async Task TheDatabaseHoldsNoTokenSecret()
    {
        var personId = await PersonIdAsync(Role.DeliveryLead);
        var secret = await TestPeople.TokenAsync(host.Database, personId, TokenScope.Submit);
        var unshown = secret[ApiToken.PrefixLength..];

        await using var db = host.Database.Open();
        var row = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Hash == TokenSecrets.Hash(secret));
        var holding = await db.ApiTokens.CountAsync(t =>
            t.Name.Contains(unshown) || t.Prefix.Contains(unshown) || t.Hash.Contains(unshown) || t.Prefix == secret || t.Hash == secret);
        var audited = await db.AuditEntries.CountAsync(e => e.Detail.Contains(unshown));

        Assert.Equal(secret[..ApiToken.PrefixLength], row.Prefix);
        Assert.Equal(0, holding);
        Assert.Equal(0, audited);
    }

    private HttpClient Bearer(string token)
    {
        var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PutAsync(new Uri(path, UriKind.Relative), content);
    }

    private async Task<int> PersonIdAsync(Role role)
    {
        var email = host.Account(role).Email;
        await using var db = host.Database.Open();
        return await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }

    private async Task<string> TokenForAsync(Role role, TokenScope scope) =>
        await TestPeople.TokenAsync(host.Database, await PersonIdAsync(role), scope);

    private async Task<GoldenThread.Indicators.IndicatorValue?> StoredAsync(string indicator, string area, string period)
    {
        await using var db = host.Database.Open();
        var indicatorId = await db.Indicators.Where(i => i.Code == indicator).Select(i => i.Id).SingleAsync();
        var areaId = await db.Areas.Where(a => a.Code == area).Select(a => a.Id).SingleAsync();
        return await db.Values.AsNoTracking().SingleOrDefaultAsync(v => v.IndicatorId == indicatorId && v.AreaId == areaId && v.Period == period);
    }
}

/// <summary>Submitting figures on SQLite.</summary>
public sealed class SubmitFigureApiOnSqliteTests(WebTestHost host) : SubmitFigureApiTests(host), IClassFixture<WebTestHost>;

/// <summary>Submitting figures on PostgreSQL.</summary>
public sealed class SubmitFigureApiOnPostgresTests(PostgresWebTestHost host) : SubmitFigureApiTests(host), IClassFixture<PostgresWebTestHost>;
