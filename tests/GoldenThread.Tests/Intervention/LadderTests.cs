using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Demo;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Intervention;
using GoldenThread.Notices;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Intervention;

/// <summary>
/// The ladder as a workflow over the real host with the demonstration partnership, on each database (the SQLite and
/// PostgreSQL classes below run the same tests, one host and one import each): the stage shown everywhere is the engine's
/// computed stage combined with the stored manual triggers; a trigger raises it and clearing brings it back; the ladder's
/// movements are recorded with their reasons; an issue climbs the chain to central government.
/// </summary>
public abstract class LadderTests(WebTestHost host)
{
    private static readonly Period Latest = Period.Parse(DemoBundle.LatestQuarter);

    [Fact]
    public async Task The_ladder_everywhere_is_the_engines_computed_stage_combined_with_the_stored_triggers_at_every_quarter()
    {
        var quarters = await QuartersAsync();
        var (pairs, _) = await ExpectedAsync(quarters[^1]);
        var chosen = pairs.Keys.OrderBy(k => k.IndicatorId).ThenBy(k => k.AreaId).Where((_, i) => i % 17 == 3).Take(3).ToList();
        Assert.Equal(3, chosen.Count);

        // Stored triggers: one in force from the first quarter, one cleared part of the way, one low stage that the rule
        // may pass, and an overlapping one on the first pair.
        await using (var db = host.Database.Open(tracking: true))
        {
            db.LadderTriggers.AddRange(
                Trigger(chosen[0], 3, quarters[0], null),
                Trigger(chosen[0], 1, quarters[1], quarters[4]),
                Trigger(chosen[1], 2, quarters[2], quarters[^2]),
                Trigger(chosen[2], 1, quarters[^3], null));
            await db.SaveChangesAsync();
        }

        var manualSeen = 0;
        foreach (var quarter in quarters)
        {
            var (expected, names) = await ExpectedAsync(quarter);
            var ladderBody = await host.Client.GetStringAsync(new Uri($"/api/v1/ladder?period={quarter.Code}", UriKind.Relative));
            var ladder = JsonDocument.Parse(ladderBody).RootElement.GetProperty("entries").EnumerateArray().ToList();
            var scorecard = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri($"/api/v1/scorecard?period={quarter.Code}", UriKind.Relative)))
                .RootElement.GetProperty("entries").EnumerateArray().ToList();
            var cli = await CliRunner.RunAsync("--database", host.Database.ConnectionString, "ladder", "--period", quarter.Code, "--format", "json");

            Assert.True(cli.ExitCode == 0, cli.Error);
            Assert.Equal(ladderBody, cli.Out);
            Assert.Equal(expected.Count, ladder.Count);
            Assert.Equal(
                scorecard.Select(e => (e.GetProperty("indicator").GetString(), e.GetProperty("area").GetString())),
                ladder.Select(e => (e.GetProperty("indicator").GetString(), e.GetProperty("area").GetString())));
            for (var i = 0; i < ladder.Count; i++)
            {
                var entry = ladder[i];
                var key = names[(entry.GetProperty("indicator").GetString()!, entry.GetProperty("area").GetString()!)];
                var (computed, manual) = expected[key];
                var where = $"{entry.GetProperty("indicator")} in {entry.GetProperty("area")} at {quarter.Code}";
                Assert.True(Math.Max(computed, manual) == entry.GetProperty("stage").GetInt32(), $"ladder stage of {where}");
                Assert.True(computed == entry.GetProperty("computed_stage").GetInt32(), $"computed stage of {where}");
                Assert.True(manual == entry.GetProperty("manual_stage").GetInt32(), $"manual stage of {where}");
                Assert.True(Math.Max(computed, manual) == scorecard[i].GetProperty("ladder_stage").GetInt32(), $"scorecard stage of {where}");
                manualSeen += manual > computed ? 1 : 0;
            }

            // The pages of the pairs with triggers: the indicator page's ladder and the area comparison.
            foreach (var pair in chosen.Where(p => expected.ContainsKey(p)))
            {
                var (indicator, area) = names.Single(n => n.Value == pair).Key;
                var (computed, manual) = expected[pair];
                var areas = await host.GetPageAsync($"/indicators/{Uri.EscapeDataString(indicator)}/areas?period={quarter.Code}");
                Assert.Equal(Math.Max(computed, manual).ToString(System.Globalization.CultureInfo.InvariantCulture), areas.QuerySelector($"tr[data-area='{area}'] td[data-column='ladder']")?.TextContent.Trim());
            }
        }

        foreach (var pair in chosen)
        {
            var (indicator, area) = (await ExpectedAsync(Latest)).Names.Single(n => n.Value == pair).Key;
            var page = await host.GetPageAsync($"/indicators/{Uri.EscapeDataString(indicator)}?area={area}");
            foreach (var row in page.QuerySelectorAll("#ladder-table tbody tr"))
            {
                var quarter = Period.Parse(row.GetAttribute("data-period")!);
                var (computed, manual) = (await ExpectedAsync(quarter)).Pairs[pair];
                Assert.Equal($"{Math.Max(computed, manual)}", row.QuerySelector("[data-column='stage']")!.TextContent.Trim());
                Assert.Equal($"{computed}", row.QuerySelector("[data-column='computed']")!.TextContent.Trim());
                Assert.Equal(manual == 0 ? "None" : $"{manual}", row.QuerySelector("[data-column='manual']")!.TextContent.Trim());
            }
        }

        Assert.True(manualSeen > 0, "No quarter showed a manual stage above the computed one: the test would not notice the triggers being ignored.");
    }

    [Fact]
    public async Task A_trigger_raises_the_stage_shown_everywhere_and_clearing_it_brings_it_back()
    {
        var (expected, names) = await ExpectedAsync(Latest);
        List<int> quarterly;
        await using (var db = host.Database.Open())
        {
            // A quarterly indicator, so that its page shows the ladder quarter by quarter.
            quarterly = await db.Indicators.Where(i => i.Frequency == Frequency.Quarterly).Select(i => i.Id).ToListAsync();
        }

        var key = expected.Where(p => p.Value is (0, 0) && quarterly.Contains(p.Key.IndicatorId)).Select(p => p.Key).OrderBy(k => k.IndicatorId).ThenBy(k => k.AreaId).First();
        var (indicator, area) = names.Single(n => n.Value == key).Key;
        var board = await BoardMemberAsync();
        using var api = new HttpClient { BaseAddress = host.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestPeople.TokenAsync(host.Database, board.Id, TokenScope.Submit));

        // Nobody else: the delivery lead's submit token, and a member of a thematic partnership.
        using var lead = await ClientWithTokenAsync(TokenScope.Submit, Role.DeliveryLead);
        using var refused = await lead.PostAsJsonAsync(new Uri("/api/v1/ladder/triggers", UriKind.Relative), new { indicator, area, stage = 3, reason = "No", evidence = "None" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var member = await host.SignInAsync(Role.BodyMember);
        using var memberPage = await member.GetAsync(new Uri($"/ladder/triggers/new?indicator={Uri.EscapeDataString(indicator)}&area={area}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, memberPage.StatusCode);

        using var missing = await api.PostAsJsonAsync(new Uri("/api/v1/ladder/triggers", UriKind.Relative), new { indicator, area, stage = 4, reason = "", evidence = "Inspection" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadAsStringAsync();
        Assert.Contains("stage", problem, StringComparison.Ordinal);
        Assert.Contains("reason", problem, StringComparison.Ordinal);

        using var raised = await api.PostAsJsonAsync(new Uri("/api/v1/ladder/triggers", UriKind.Relative), new { indicator, area, stage = 3, reason = "Inspection found the service failing.", evidence = "Ofsted letter of 2 November 2009." });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var trigger = JsonDocument.Parse(await raised.Content.ReadAsStringAsync()).RootElement;
        var id = trigger.GetProperty("id").GetInt32();
        Assert.Equal(DemoBundle.LatestQuarter, trigger.GetProperty("from_period").GetString());

        await AssertShownAsync(indicator, area, computed: 0, manual: 3);
        var page = await host.GetPageAsync($"/indicators/{Uri.EscapeDataString(indicator)}?area={area}");
        Assert.Contains("Inspection found the service failing.", page.GetElementById("triggers-table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Test Person", page.GetElementById("triggers-table")!.TextContent, StringComparison.Ordinal);
        var ladderPage = await host.GetPageAsync("/ladder");
        Assert.Equal("3", ladderPage.QuerySelector($"#ladder-entries tr[data-indicator='{indicator}'][data-area='{area}'] [data-column='stage']")?.TextContent.Trim());

        await using (var db = host.Database.Open())
        {
            var change = await db.LadderChanges.SingleAsync(c => c.IndicatorId == key.IndicatorId && c.AreaId == key.AreaId && c.Period == DemoBundle.LatestQuarter);
            Assert.Equal((0, 3, 0, 3, LadderMovement.Escalated), (change.FromStage, change.ToStage, change.ComputedStage, change.ManualStage, change.Movement));
            Assert.Contains("set by hand", change.Reason, StringComparison.Ordinal);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.LadderTriggerRaised && a.SubjectId == id));
        }

        // Cleared in the browser by an executive board member, with the reason.
        using var browser = host.NewClient();
        await Forms.SignInAsync(browser, new DemoAccount(Role.BodyMember, board.Email!, board.FullName, "WCC", TestPeople.Password, null, "Executive board"));
        using var empty = await Forms.PostAsync(browser, $"/ladder/triggers/{id}", [new("Reason", " ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var cleared = await Forms.PostAsync(browser, $"/ladder/triggers/{id}", [new("Reason", "The improvement plan is working.")]);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);

        await AssertShownAsync(indicator, area, computed: 0, manual: 0);
        var triggers = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/ladder/triggers", UriKind.Relative))).RootElement.EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == id);
        Assert.Equal(DemoBundle.LatestQuarter, triggers.GetProperty("cleared_in_period").GetString());
        Assert.Equal("The improvement plan is working.", triggers.GetProperty("clear_reason").GetString());
        await using (var db = host.Database.Open())
        {
            // Raised and cleared in the same quarter: the quarter's record says the stage did not move after all.
            var change = await db.LadderChanges.SingleAsync(c => c.IndicatorId == key.IndicatorId && c.AreaId == key.AreaId && c.Period == DemoBundle.LatestQuarter);
            Assert.Equal((0, 0, LadderMovement.Unchanged), (change.FromStage, change.ToStage, change.Movement));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.LadderTriggerCleared && a.SubjectId == id));
            var told = await db.Notices.Where(n => n.Kind == NoticeKind.StageChanged && n.Key.StartsWith($"trigger:{id}:")).Select(n => n.Key).ToListAsync();
            var concerned = await ConcernedPeople.ForPairAsync(db, key.IndicatorId, key.AreaId);
            var people = concerned.Leads.Concat(concerned.SecretaryId is { } s ? [s] : []).Distinct().Count();
            Assert.Equal(people * 2, told.Count);
        }
    }

    [Fact]
    public async Task The_record_shows_when_and_why_a_stage_came_down_and_recording_again_changes_nothing()
    {
        var quarters = await QuartersAsync();
        Period? down = null;
        (int IndicatorId, int AreaId) key = default;
        for (var i = quarters.Count - 1; i > 0 && down is null; i--)
        {
            var before = (await ExpectedAsync(quarters[i - 1])).Pairs;
            var after = (await ExpectedAsync(quarters[i])).Pairs;
            foreach (var (pair, (computed, manual)) in after.OrderBy(p => p.Key.IndicatorId).ThenBy(p => p.Key.AreaId))
            {
                if (manual == 0 && before.TryGetValue(pair, out var was) && was.Manual == 0 && was.Computed >= 2 && computed == 0)
                {
                    (down, key) = (quarters[i], pair);
                    break;
                }
            }
        }

        Assert.NotNull(down);
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var recorder = scope.ServiceProvider.GetRequiredService<LadderRecorder>();
        Assert.True(await recorder.RecordAsync(down.Value, null, tell: true, CancellationToken.None) > 0);
        await db.SaveChangesAsync();
        Assert.Equal(0, await recorder.RecordAsync(down.Value, null, tell: true, CancellationToken.None));

        var change = await db.LadderChanges.AsNoTracking().SingleAsync(c => c.IndicatorId == key.IndicatorId && c.AreaId == key.AreaId && c.Period == down.Value.Code);
        Assert.Equal(LadderMovement.DeEscalated, change.Movement);
        Assert.Equal(0, change.ToStage);
        Assert.True(change.FromStage >= 2);
        Assert.Contains($"at {down.Value.DisplayName} after", change.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"Stage {change.FromStage} to Stage 0.", change.Reason, StringComparison.Ordinal);
        var page = await host.GetPageAsync($"/ladder?period={down.Value.Code}");
        Assert.Contains(change.Reason, page.GetElementById("ladder-changes")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issue_climbs_the_chain_to_the_strategic_board_and_central_government()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Body!.Code == "SSC").OrderBy(i => i.Code).Select(i => new { i.Id, i.Code }).FirstAsync();
        var area = await db.Values.AsNoTracking().Where(v => v.IndicatorId == indicator.Id).Select(v => v.AreaId).FirstAsync();
        var areaCode = await db.Areas.Where(a => a.Id == area).Select(a => a.Code).SingleAsync();
        var bodies = await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.Code, b => b.Id);
        var admin = new Actor(1, [new Grant(Role.Administrator, null, null, null)]);
        var ssc = new Actor(1, [new Grant(Role.BodyMember, null, null, bodies["SSC"])]);
        var by = new AuditActor(null, "Test clerk", null);

        var raised = await scope.ServiceProvider.GetRequiredService<RaiseEscalation>().RunAsync(by, new EscalationRaise(admin, indicator.Code, areaCode, "Partners cannot agree who funds the scheme."), CancellationToken.None);
        Assert.True(raised.Succeeded, string.Join("; ", raised.Errors));
        var id = raised.Id!.Value;
        var decide = scope.ServiceProvider.GetRequiredService<DecideEscalation>();
        var day = DemoBundle.Today;

        // Delivery lead to the partnership, then the partnership's member passes it to the executive board.
        Assert.True((await decide.RunAsync(by, new EscalationDecision(admin, id, false, "Beyond the delivery lead.", day), CancellationToken.None)).Succeeded);
        Assert.True((await decide.RunAsync(by, new EscalationDecision(ssc, id, false, "Partnership cannot fund it.", day), CancellationToken.None)).Succeeded);

        // At the executive board, a partnership member may no longer decide.
        var refused = await decide.RunAsync(by, new EscalationDecision(ssc, id, false, "Again.", day), CancellationToken.None);
        Assert.Equal("decision", Assert.Single(refused.Errors).Field);
        var future = await decide.RunAsync(by, new EscalationDecision(admin, id, false, "Later.", day.AddDays(1)), CancellationToken.None);
        Assert.Equal("decided_on", Assert.Single(future.Errors).Field);

        Assert.True((await decide.RunAsync(by, new EscalationDecision(admin, id, false, "Needs the strategic board.", day), CancellationToken.None)).Succeeded);
        Assert.True((await decide.RunAsync(by, new EscalationDecision(admin, id, false, "A matter for government.", day), CancellationToken.None)).Succeeded);
        var top = await decide.RunAsync(by, new EscalationDecision(admin, id, false, "Higher?", day), CancellationToken.None);
        Assert.Contains("top of the chain", Assert.Single(top.Errors).Message, StringComparison.Ordinal);
        Assert.True((await decide.RunAsync(by, new EscalationDecision(admin, id, true, "Government funds it through the area grant.", day), CancellationToken.None)).Succeeded);

        var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri($"/api/v1/escalations/{id}", UriKind.Relative))).RootElement;
        Assert.Equal("central_government", document.GetProperty("level").GetString());
        Assert.Equal("resolved", document.GetProperty("state").GetString());
        var steps = document.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(
            ["thematic_partnership", "executive_board", "strategic_board", "central_government", "central_government"],
            steps.Select(s => s.GetProperty("to").GetString()));
        Assert.Equal(["SSC", "WEB", "WSB", null, null], steps.Select(s => s.GetProperty("to_body").GetString()));
        Assert.True(steps[^1].GetProperty("resolved").GetBoolean());
        Assert.Equal(6, await db.AuditEntries.CountAsync(a => a.SubjectId == id && (a.Action == AuditActions.EscalationRaised || a.Action == AuditActions.EscalationEscalated || a.Action == AuditActions.EscalationResolved)));
        var page = await host.GetPageAsync($"/escalations/{id}");
        Assert.Contains("Government funds it through the area grant.", page.GetElementById("steps")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await host.GetPageAsync("/escalations")).QuerySelector($"tr[data-escalation='{id}']"));
    }

    private async Task AssertShownAsync(string indicator, string area, int computed, int manual)
    {
        var shown = Math.Max(computed, manual);
        var ladder = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri($"/api/v1/ladder?period={DemoBundle.LatestQuarter}", UriKind.Relative)))
            .RootElement.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == indicator && e.GetProperty("area").GetString() == area);
        Assert.Equal((shown, computed, manual), (ladder.GetProperty("stage").GetInt32(), ladder.GetProperty("computed_stage").GetInt32(), ladder.GetProperty("manual_stage").GetInt32()));
        var scorecard = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri($"/api/v1/scorecard?period={DemoBundle.LatestQuarter}&area={area}", UriKind.Relative)))
            .RootElement.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == indicator);
        Assert.Equal(shown, scorecard.GetProperty("ladder_stage").GetInt32());
        var cli = await CliRunner.RunAsync("--database", host.Database.ConnectionString, "ladder", "--period", DemoBundle.LatestQuarter, "--format", "json");
        var cliEntry = JsonDocument.Parse(cli.Out).RootElement.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == indicator && e.GetProperty("area").GetString() == area);
        Assert.Equal(shown, cliEntry.GetProperty("stage").GetInt32());
        var page = await host.GetPageAsync($"/indicators/{Uri.EscapeDataString(indicator)}?area={area}");
        Assert.Equal($"{shown}", page.QuerySelector($"#ladder-table tr[data-period='{DemoBundle.LatestQuarter}'] [data-column='stage']")?.TextContent.Trim());
        var areas = await host.GetPageAsync($"/indicators/{Uri.EscapeDataString(indicator)}/areas?period={DemoBundle.LatestQuarter}");
        Assert.Equal($"{shown}", areas.QuerySelector($"tr[data-area='{area}'] td[data-column='ladder']")?.TextContent.Trim());
    }

    /// <summary>
    /// What every reader must show at <paramref name="quarter"/>, worked out here on its own: the engine's computed stage
    /// for each pair's stored history, and the highest stored trigger raised at or before the quarter and not cleared by it.
    /// </summary>
    private async Task<(Dictionary<(int IndicatorId, int AreaId), (int Computed, int Manual)> Pairs, Dictionary<(string, string), (int, int)> Names)> ExpectedAsync(Period quarter)
    {
        await using var db = host.Database.Open();
        var tolerances = await ToleranceSetting.CurrentAsync(db, CancellationToken.None);
        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Id);
        var areas = await db.Areas.ToDictionaryAsync(a => a.Id, a => a.Code);
        var triggers = await db.LadderTriggers.ToListAsync();
        var histories = await FigureStore.HistoriesAsync(db, new FigureFilter(Publication.EveryStoredFigure), CancellationToken.None);
        var pairs = new Dictionary<(int, int), (int, int)>();
        var names = new Dictionary<(string, string), (int, int)>();
        foreach (var ((indicatorId, areaId), history) in histories)
        {
            var i = indicators[indicatorId];
            var rules = new IndicatorRules(i.Polarity, i.Frequency, i.Accumulation, i.Decimals, i.AmberTolerance, i.StrongGreenThreshold);
            var computed = new Assessor(rules, tolerances, history.History).Assess(quarter).LadderStage;
            var manual = triggers
                .Where(t => t.IndicatorId == indicatorId && t.AreaId == areaId)
                .Where(t => Period.Parse(t.FromPeriod).StartOrdinal <= quarter.StartOrdinal
                    && (t.ClearedInPeriod is null || quarter.StartOrdinal < Period.Parse(t.ClearedInPeriod).StartOrdinal))
                .Select(t => t.Stage).DefaultIfEmpty(0).Max();
            pairs[(indicatorId, areaId)] = (computed, manual);
            names[(i.Code, areas[areaId])] = (indicatorId, areaId);
        }

        return (pairs, names);
    }

    private async Task<List<Period>> QuartersAsync()
    {
        await using var db = host.Database.Open();
        var periods = (await db.Values.Select(v => v.Period).Distinct().ToListAsync()).Select(Period.Parse).ToList();
        var first = periods.Min(p => p.StartOrdinal);
        var quarters = new List<Period>();
        for (var q = Latest; q.EndOrdinal >= first; q = q.Previous())
        {
            quarters.Insert(0, q);
        }

        return quarters;
    }

    private static LadderTrigger Trigger((int IndicatorId, int AreaId) pair, int stage, Period from, Period? cleared) => new()
    {
        IndicatorId = pair.IndicatorId,
        AreaId = pair.AreaId,
        Stage = stage,
        FromPeriod = from.Code,
        Reason = "Stored for the consistency test.",
        Evidence = "None needed.",
        RaisedAt = DateTimeOffset.UnixEpoch,
        RaisedBy = "Test",
        ClearedInPeriod = cleared?.Code,
        ClearedBy = cleared is null ? null : "Test",
        ClearReason = cleared is null ? null : "Test.",
    };

    private async Task<People.Person> BoardMemberAsync()
    {
        int board;
        await using (var db = host.Database.Open())
        {
            board = await db.Bodies.Where(b => b.Kind == BodyKind.ExecutiveBoard).Select(b => b.Id).FirstAsync();
        }

        return await TestPeople.AddAsync(host.Database, $"board.{Guid.NewGuid():N}@example.org", new Grant(Role.BodyMember, null, null, board));
    }

    private async Task<HttpClient> ClientWithTokenAsync(TokenScope scope, Role role)
    {
        int person;
        await using (var db = host.Database.Open())
        {
            var email = host.Account(role).Email;
            person = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
        }

        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestPeople.TokenAsync(host.Database, person, scope));
        return client;
    }
}

public sealed class LadderOnSqliteTests(WebTestHost host) : LadderTests(host), IClassFixture<WebTestHost>;

public sealed class LadderOnPostgresTests(PostgresWebTestHost host) : LadderTests(host), IClassFixture<PostgresWebTestHost>;
