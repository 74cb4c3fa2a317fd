using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Exceptions;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Api;

/// <summary>
/// The exceptions' and escalations' API over the real host, on each database (the SQLite and PostgreSQL classes below run
/// the same tests, each with a host of its own): the list and its filters (and the <c>exceptions</c> command, which prints
/// the same JSON), one report, the accountable body's consideration, the lead's answer, the central team's closure and the
/// data-quality writing, each allowed to the right person only and refused with the field named; an issue escalated from
/// an exception report and decided up the chain. Every test writes on a pair and quarters of its own.
/// </summary>
public abstract class InterventionApiTests(WebTestHost host)
{
    private static int _quarter;

    [Fact]
    public async Task Exceptions_AreListedByQuarterBodyStateAndKind_AsTheCommandLinePrintsThem()
    {
        var scene = await SceneAsync();
        var period = NextQuarter();
        var submitted = await ReportAsync(scene, scene.Areas[0], period, ExceptionState.Submitted);
        var drafted = await ReportAsync(scene, scene.Areas[1], period, ExceptionState.Drafted);
        var closed = await ReportAsync(scene, scene.Areas[2], period, ExceptionState.Closed);
        var quality = await ReportAsync(scene, scene.Areas[0], period, ExceptionState.Required, ExceptionKind.DataQuality);
        var other = await ReportAsync(scene, scene.Areas[0], period, ExceptionState.Submitted, indicator: scene.OtherIndicator);
        var elsewhen = await ReportAsync(scene, scene.Areas[0], NextQuarter(), ExceptionState.Submitted);

        Assert.Equal([submitted, drafted, closed, quality, other], (await ListAsync($"period={period}")).Order());
        Assert.Equal([submitted, drafted, closed, quality], (await ListAsync($"period={period}&body={scene.Body.Code}")).Order());
        Assert.Equal([submitted, drafted, closed, quality], (await ListAsync($"period={period}&body={scene.Body.Code.ToLowerInvariant()}")).Order());
        Assert.Equal([submitted], await ListAsync($"period={period}&body={scene.Body.Code}&state=submitted"));
        Assert.Equal([submitted, drafted, quality], (await ListAsync($"period={period}&body={scene.Body.Code}&state=open")).Order());

        // (The ids are in the order the reports were made.) Ordered by indicator, then area: the first area's reports come before the second's and the third's.
        var ordered = await ListAsync($"period={period}&body={scene.Body.Code}");
        Assert.True(ordered.IndexOf(submitted) < ordered.IndexOf(drafted) && ordered.IndexOf(drafted) < ordered.IndexOf(closed), string.Join(", ", ordered));
        Assert.Equal([quality], await ListAsync($"period={period}&kind=data_quality"));
        Assert.Equal([other], await ListAsync($"period={period}&body={scene.OtherBody.Code}"));
        Assert.DoesNotContain(elsewhen, await ListAsync($"period={period}"));

        // Every row is the stored report, with the fields the contract names.
        var row = await ListItemAsync($"period={period}&body={scene.Body.Code}&state=submitted");
        Assert.Equal((scene.Indicator.Code, scene.Areas[0].Code, period, "performance", "red", "submitted", scene.Body.Code), (
            row.GetProperty("indicator").GetString(), row.GetProperty("area").GetString(), row.GetProperty("period").GetString(), row.GetProperty("kind").GetString(),
            row.GetProperty("status").GetString(), row.GetProperty("state").GetString(), row.GetProperty("body").GetString()));
        var qualityRow = await ListItemAsync($"period={period}&kind=data_quality");
        Assert.Equal((JsonValueKind.Null, "late_twice_running", 1), (qualityRow.GetProperty("status").ValueKind, qualityRow.GetProperty("cause").GetString(), qualityRow.GetProperty("stage").GetInt32()));

        // A filter that is not a quarter, a state or a kind: 400, naming it.
        await AssertInvalidAsync(await host.Client.GetAsync(new Uri("/api/v1/exceptions?period=2009-10&state=lost&kind=bad", UriKind.Relative)), HttpStatusCode.BadRequest, "period", "state", "kind");

        // The command line prints the same JSON as the API (and a newline), and the same rows as a table.
        foreach (var query in new[] { $"period={period}", $"period={period}&body={scene.Body.Code}&state=open", $"period={period}&kind=data_quality" })
        {
            var api = await host.Client.GetStringAsync(new Uri($"/api/v1/exceptions?{query}", UriKind.Relative));
            string[] options = [.. query.Split('&').SelectMany(p => new[] { "--" + p.Split('=')[0], p.Split('=')[1] })];
            var json = await CliRunner.RunAsync(["--database", host.Database.ConnectionString, "exceptions", .. options, "--format", "json"]);
            Assert.True(json.ExitCode == 0, json.Error);
            Assert.Equal(api + "\n", json.Out);
        }

        var table = await CliRunner.RunAsync("--database", host.Database.ConnectionString, "exceptions", "--period", period, "--body", scene.Body.Code);
        Assert.True(table.ExitCode == 0, table.Error);
        var lines = table.Out.Split('\n');
        Assert.Equal(4, lines.Count(l => l.Contains(scene.Indicator.Code, StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith($"{submitted} ", StringComparison.Ordinal) && l.Contains("Red", StringComparison.Ordinal) && l.Contains("Submitted", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{quality} ", StringComparison.Ordinal) && l.Contains("data quality", StringComparison.Ordinal));
        Assert.Contains("4 exception reports:", table.Out, StringComparison.Ordinal);

        var bad = await CliRunner.RunAsync("--database", host.Database.ConnectionString, "exceptions", "--period", "2009-10", "--state", "lost");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--period:", bad.Error, StringComparison.Ordinal);
        Assert.Contains("--state:", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_is_read_with_its_history_and_considered_only_by_its_own_partnership()
    {
        var scene = await SceneAsync();
        var id = await ReportAsync(scene, scene.Areas[3], NextQuarter(), ExceptionState.Submitted);

        var report = await GetReportAsync(id);
        Assert.Equal("submitted", report.GetProperty("exception").GetProperty("state").GetString());
        Assert.Equal("Recruitment slipped", report.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Array, report.GetProperty("steps").ValueKind);
        using (var missing = await host.Client.GetAsync(new Uri("/api/v1/exceptions/999999", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // A member of another partnership: refused, and nothing changes.
        using var outsider = await TokenClientAsync(new Grant(Role.BodyMember, BodyId: scene.OtherBody.Id));
        using (var refused = await PostAsync(outsider, $"/api/v1/exceptions/{id}/consideration", "{\"decision\": \"note\", \"text\": \"Noted\"}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal("submitted", (await GetReportAsync(id)).GetProperty("exception").GetProperty("state").GetString());

        // A member of its own partnership: a bad body is refused naming the field, a challenge needs its question.
        using var member = await TokenClientAsync(new Grant(Role.BodyMember, BodyId: scene.Body.Id));
        await AssertInvalidAsync(await PostAsync(member, $"/api/v1/exceptions/{id}/consideration", "{\"decision\": 3}"), HttpStatusCode.BadRequest, "decision");
        await AssertInvalidAsync(await PostAsync(member, $"/api/v1/exceptions/{id}/consideration", "{\"decison\": \"note\"}"), HttpStatusCode.BadRequest, "body");
        await AssertInvalidAsync(await PostAsync(member, $"/api/v1/exceptions/{id}/consideration", "[\"note\"]"), HttpStatusCode.BadRequest, "body");
        await AssertInvalidAsync(await PostAsync(member, $"/api/v1/exceptions/{id}/consideration", "{\"decision\": \"challenge\"}"), HttpStatusCode.UnprocessableEntity, "text");
        await AssertInvalidAsync(await PostAsync(member, $"/api/v1/exceptions/{id}/consideration", "{\"decision\": \"approve\"}"), HttpStatusCode.UnprocessableEntity, "decision");
        Assert.Equal("submitted", (await GetReportAsync(id)).GetProperty("exception").GetProperty("state").GetString());

        using (var challenged = await PostAsync(member, $"/api/v1/exceptions/{id}/consideration", "{\"decision\": \"challenge\", \"text\": \"Why did recruitment slip?\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, challenged.StatusCode);
            var after = JsonDocument.Parse(await challenged.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(("challenged", "Why did recruitment slip?"), (after.GetProperty("exception").GetProperty("state").GetString(), after.GetProperty("question").GetString()));
            Assert.Equal("challenge", after.GetProperty("steps").EnumerateArray().Last().GetProperty("action").GetString());
        }

        // The delivery lead answers (the member may not answer for the lead); it waits for the body again.
        using var lead = await TokenClientAsync(new Grant(Role.DeliveryLead, scene.Indicator.Id, scene.Areas[3].Id));
        using (var notTheirs = await PostAsync(member, $"/api/v1/exceptions/{id}/answer", "{\"answer\": \"Because\"}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        }

        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/exceptions/{id}/answer", "{\"answer\": \"  \"}"), HttpStatusCode.UnprocessableEntity, "answer");
        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/exceptions/{id}/answer", "{\"reply\": \"Two left\"}"), HttpStatusCode.BadRequest, "body");
        using (var answered = await PostAsync(lead, $"/api/v1/exceptions/{id}/answer", "{\"answer\": \"Two officers left in December\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var after = JsonDocument.Parse(await answered.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(("submitted", "Two officers left in December"), (after.GetProperty("exception").GetProperty("state").GetString(), after.GetProperty("answer").GetString()));
        }

        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/exceptions/{id}/answer", "{\"answer\": \"Again\"}"), HttpStatusCode.UnprocessableEntity, "answer");
        using (var accepted = await PostAsync(member, $"/api/v1/exceptions/{id}/consideration", "{\"decision\": \"accept\", \"text\": \"Plans agreed\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // Closed by hand by the central team only.
        using (var notCentral = await PostAsync(lead, $"/api/v1/exceptions/{id}/closure", "{\"reason\": \"Done\"}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notCentral.StatusCode);
        }

        using var admin = await TokenClientAsync(new Grant(Role.Administrator));
        await AssertInvalidAsync(await PostAsync(admin, $"/api/v1/exceptions/{id}/closure", "{\"reason\": \"\"}"), HttpStatusCode.UnprocessableEntity, "reason");
        using (var closed = await PostAsync(admin, $"/api/v1/exceptions/{id}/closure", "{\"reason\": \"Indicator withdrawn from the framework\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var final = await GetReportAsync(id);
        Assert.Equal(("closed", "Indicator withdrawn from the framework"), (final.GetProperty("exception").GetProperty("state").GetString(), final.GetProperty("closed_reason").GetString()));
        Assert.Equal(["challenge", "answer", "accept", "close"], final.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()));
        await using var db = host.Database.Open();
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.SubjectId == id && a.Action.StartsWith("exception_")));
        using (var gone = await PostAsync(member, "/api/v1/exceptions/999999/consideration", "{\"decision\": \"note\"}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }

    [Fact]
    public async Task A_data_quality_exception_is_written_and_submitted_by_the_lead_and_a_performance_one_is_not()
    {
        var scene = await SceneAsync();
        var period = NextQuarter();
        var quality = await ReportAsync(scene, scene.Areas[4], period, ExceptionState.Required, ExceptionKind.DataQuality);
        var performance = await ReportAsync(scene, scene.Areas[4], period, ExceptionState.Required);
        using var lead = await TokenClientAsync(new Grant(Role.DeliveryLead, scene.Indicator.Id, scene.Areas[4].Id));
        using var outsider = await TokenClientAsync(new Grant(Role.DeliveryLead, scene.Indicator.Id, scene.Areas[5].Id));

        using (var refused = await PostAsync(outsider, $"/api/v1/exceptions/{quality}/writing", "{\"reason\": \"Late\", \"plans\": \"Sooner\", \"submit\": true}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/exceptions/{quality}/writing", "{\"reason\": \"Late\", \"submit\": \"yes\"}"), HttpStatusCode.BadRequest, "submit");
        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/exceptions/{quality}/writing", "{\"reason\": \"Late\", \"submit\": true}"), HttpStatusCode.UnprocessableEntity, "plans");
        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/exceptions/{performance}/writing", "{\"reason\": \"Late\", \"plans\": \"Sooner\"}"), HttpStatusCode.UnprocessableEntity, "reason");
        using (var saved = await PostAsync(lead, $"/api/v1/exceptions/{quality}/writing", "{\"reason\": \"The case system lost two months\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        Assert.Equal("drafted", (await GetReportAsync(quality)).GetProperty("exception").GetProperty("state").GetString());
        using (var submitted = await PostAsync(lead, $"/api/v1/exceptions/{quality}/writing", "{\"reason\": \"The case system lost two months\", \"plans\": \"Re-keyed by January\", \"submit\": true}"))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var report = await GetReportAsync(quality);
        Assert.Equal(("submitted", "Re-keyed by January"), (report.GetProperty("exception").GetProperty("state").GetString(), report.GetProperty("plans").GetString()));
    }

    [Fact]
    public async Task An_issue_is_escalated_from_an_exception_and_decided_up_the_chain_by_those_at_each_level()
    {
        var scene = await SceneAsync();
        var area = scene.Areas[6];
        var exception = await ReportAsync(scene, area, NextQuarter(), ExceptionState.Accepted);
        using var lead = await TokenClientAsync(new Grant(Role.DeliveryLead, scene.Indicator.Id, area.Id));
        using var outsider = await TokenClientAsync(new Grant(Role.BodyMember, BodyId: scene.OtherBody.Id));
        using var member = await TokenClientAsync(new Grant(Role.BodyMember, BodyId: scene.Body.Id));

        // Raising: the pair by an exception report, not both; an issue needed; only those accountable for the pair.
        await AssertInvalidAsync(await PostAsync(lead, "/api/v1/escalations", $"{{\"exception\": {exception}, \"indicator\": \"{scene.Indicator.Code}\", \"issue\": \"Funding\"}}"), HttpStatusCode.BadRequest, "exception");
        await AssertInvalidAsync(await PostAsync(lead, "/api/v1/escalations", "{\"exception\": 999999, \"issue\": \"Funding\"}"), HttpStatusCode.BadRequest, "exception");
        await AssertInvalidAsync(await PostAsync(lead, "/api/v1/escalations", $"{{\"exception\": {exception}}}"), HttpStatusCode.BadRequest, "issue");
        await AssertInvalidAsync(await PostAsync(lead, "/api/v1/escalations", "{\"indicator\": \"NO SUCH\", \"area\": \"NOWHERE\", \"issue\": \"Funding\"}"), HttpStatusCode.BadRequest, "indicator", "area");
        await AssertInvalidAsync(await PostAsync(lead, "/api/v1/escalations", "{\"exception\": \"12\", \"issue\": \"Funding\"}"), HttpStatusCode.BadRequest, "exception");
        using (var refused = await PostAsync(outsider, "/api/v1/escalations", $"{{\"exception\": {exception}, \"issue\": \"Funding\"}}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        int id;
        await using (var db = host.Database.Open())
        {
            Assert.False(await db.Escalations.AnyAsync(e => e.IndicatorId == scene.Indicator.Id && e.AreaId == area.Id));
        }

        using (var raised = await PostAsync(lead, "/api/v1/escalations", $"{{\"exception\": {exception}, \"issue\": \"Partners cannot agree who funds the scheme.\"}}"))
        {
            Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
            var escalation = JsonDocument.Parse(await raised.Content.ReadAsStringAsync()).RootElement;
            id = escalation.GetProperty("id").GetInt32();
            Assert.Equal($"/api/v1/escalations/{id}", raised.Headers.Location?.OriginalString);
            Assert.Equal((scene.Indicator.Code, area.Code, "delivery_lead", "open"), (
                escalation.GetProperty("indicator").GetString(), escalation.GetProperty("area").GetString(),
                escalation.GetProperty("level").GetString(), escalation.GetProperty("state").GetString()));
        }

        // Deciding: only those at the level it stands at; the outcome, the decision and its date are checked.
        using (var notYet = await PostAsync(member, $"/api/v1/escalations/{id}/decisions", "{\"outcome\": \"escalate\", \"decision\": \"Up\", \"decided_on\": \"2009-11-12\"}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notYet.StatusCode);
        }

        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/escalations/{id}/decisions", "{\"outcome\": \"maybe\", \"decision\": \"Up\", \"decided_on\": \"2009-11-12\"}"), HttpStatusCode.BadRequest, "outcome");
        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/escalations/{id}/decisions", "{\"outcome\": \"escalate\", \"decision\": \"Up\", \"decided_on\": \"12/11/2009\"}"), HttpStatusCode.BadRequest, "decided_on");
        await AssertInvalidAsync(await PostAsync(lead, $"/api/v1/escalations/{id}/decisions", "{\"outcome\": \"escalate\", \"decision\": \" \", \"decided_on\": \"2099-01-01\"}"), HttpStatusCode.BadRequest, "decision", "decided_on");
        using (var up = await PostAsync(lead, $"/api/v1/escalations/{id}/decisions", "{\"outcome\": \"escalate\", \"decision\": \"Beyond the delivery lead.\", \"decided_on\": \"2009-11-12\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
            var escalation = JsonDocument.Parse(await up.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(("thematic_partnership", scene.Body.Code), (escalation.GetProperty("level").GetString(), escalation.GetProperty("body").GetString()));
        }

        using (var leadNoMore = await PostAsync(lead, $"/api/v1/escalations/{id}/decisions", "{\"outcome\": \"resolve\", \"decision\": \"Done\", \"decided_on\": \"2009-11-12\"}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, leadNoMore.StatusCode);
        }

        using (var resolved = await PostAsync(member, $"/api/v1/escalations/{id}/decisions", "{\"outcome\": \"resolve\", \"decision\": \"The partners share the cost.\", \"decided_on\": \"2009-11-13\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        await AssertInvalidAsync(await PostAsync(member, $"/api/v1/escalations/{id}/decisions", "{\"outcome\": \"resolve\", \"decision\": \"Again\", \"decided_on\": \"2009-11-13\"}"), HttpStatusCode.BadRequest, "decision");
        using (var missing = await PostAsync(member, "/api/v1/escalations/999999/decisions", "{\"outcome\": \"resolve\"}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri($"/api/v1/escalations/{id}", UriKind.Relative))).RootElement;
        Assert.Equal("resolved", document.GetProperty("state").GetString());
        var steps = document.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["thematic_partnership", "thematic_partnership"], steps.Select(s => s.GetProperty("to").GetString()));
        Assert.Equal(["2009-11-12", "2009-11-13"], steps.Select(s => s.GetProperty("decided_on").GetString()));
        Assert.True(steps[1].GetProperty("resolved").GetBoolean());
        await using (var db = host.Database.Open())
        {
            Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.SubjectId == id
                && (a.Action == AuditActions.EscalationRaised || a.Action == AuditActions.EscalationEscalated || a.Action == AuditActions.EscalationResolved)));
            Assert.Single(await db.Escalations.Where(e => e.IndicatorId == scene.Indicator.Id && e.AreaId == area.Id).ToListAsync());
        }
    }

    /// <summary>Two thematic partnerships of the demonstration, an indicator of each and the areas the first is measured in.</summary>
    private sealed record Scene(GoldenThread.Partnership.Body Body, GoldenThread.Partnership.Body OtherBody, GoldenThread.Indicators.Indicator Indicator, GoldenThread.Indicators.Indicator OtherIndicator, IReadOnlyList<GoldenThread.Partnership.Area> Areas);

    private async Task<Scene> SceneAsync()
    {
        await using var db = host.Database.Open();
        var partnerships = await db.Bodies.Where(b => b.Kind == BodyKind.ThematicPartnership && db.Indicators.Any(i => i.BodyId == b.Id)).OrderBy(b => b.Code).Take(2).ToListAsync();
        Assert.Equal(2, partnerships.Count);
        var indicator = await db.Indicators.Where(i => i.BodyId == partnerships[0].Id).OrderBy(i => i.Code).FirstAsync();
        var other = await db.Indicators.Where(i => i.BodyId == partnerships[1].Id).OrderBy(i => i.Code).FirstAsync();
        var areas = await db.Areas.OrderBy(a => a.Code).Take(7).ToListAsync();
        Assert.Equal(7, areas.Count);
        return new Scene(partnerships[0], partnerships[1], indicator, other, areas);
    }

    /// <summary>A quarter no other test of the class uses (the reports are unique by pair, quarter and kind).</summary>
    private static string NextQuarter()
    {
        var n = Interlocked.Increment(ref _quarter);
        return $"{2000 + (n / 4)}-{(1 + (n / 4)) % 100:00}-Q{1 + (n % 4)}";
    }

    private async Task<int> ReportAsync(Scene scene, GoldenThread.Partnership.Area area, string period, ExceptionState state, ExceptionKind kind = ExceptionKind.Performance, GoldenThread.Indicators.Indicator? indicator = null)
    {
        indicator ??= scene.Indicator;
        await using var db = host.Database.Open(tracking: true);
        var report = new ExceptionReport
        {
            IndicatorId = indicator.Id,
            AreaId = area.Id,
            Period = period,
            Kind = kind,
            Status = Status.Red,
            Cause = kind == ExceptionKind.DataQuality ? DataQualityCause.LateTwiceRunning : null,
            State = state,
            BodyId = indicator.BodyId,
            RaisedAt = DateTimeOffset.UnixEpoch,
            Reason = kind == ExceptionKind.Performance ? "Recruitment slipped" : null,
            ClosedAt = state == ExceptionState.Closed ? DateTimeOffset.UnixEpoch : null,
            ClosedReason = state == ExceptionState.Closed ? "Green again." : null,
        };
        db.ExceptionReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    private async Task<List<int>> ListAsync(string query)
    {
        var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri($"/api/v1/exceptions?{query}", UriKind.Relative)));
        return [.. document.RootElement.GetProperty("exceptions").EnumerateArray().Select(e => e.GetProperty("id").GetInt32())];
    }

    private async Task<JsonElement> ListItemAsync(string query)
    {
        var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri($"/api/v1/exceptions?{query}", UriKind.Relative)));
        return Assert.Single(document.RootElement.GetProperty("exceptions").EnumerateArray()).Clone();
    }

    private async Task<JsonElement> GetReportAsync(int id) =>
        JsonDocument.Parse(await host.Client.GetStringAsync(new Uri($"/api/v1/exceptions/{id}", UriKind.Relative))).RootElement.Clone();

    /// <summary>A client with a submit token of a new person holding <paramref name="grant"/>.</summary>
    private async Task<HttpClient> TokenClientAsync(Grant grant)
    {
        var person = await TestPeople.AddAsync(host.Database, $"api.{Guid.NewGuid():N}@example.org", grant);
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestPeople.TokenAsync(host.Database, person.Id, TokenScope.Submit));
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The answer is a problem with <paramref name="status"/> whose errors name exactly <paramref name="fields"/>.</summary>
    private static async Task AssertInvalidAsync(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
            Assert.Equal(fields.Order(StringComparer.Ordinal), errors);
        }
    }
}

public sealed class InterventionApiOnSqliteTests(WebTestHost host) : InterventionApiTests(host), IClassFixture<WebTestHost>;

public sealed class InterventionApiOnPostgresTests(PostgresWebTestHost host) : InterventionApiTests(host), IClassFixture<PostgresWebTestHost>;
