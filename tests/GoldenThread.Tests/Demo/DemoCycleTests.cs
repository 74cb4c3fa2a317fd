using DocumentFormat.OpenXml.Packaging;
using GoldenThread.Actions;
using GoldenThread.Demo;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;
using GoldenThread.History;
using GoldenThread.Intervention;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Demo;

/// <summary>
/// The demonstration as <c>serve --demo</c> prepares it holds a whole year's timetable, a quarter's returns in every
/// state, and the exceptions and ladder of intervention in every state (exception reports, each stage's record, stages set
/// by hand, an escalation to the strategic board), played through the product's own use cases (Demo/DemoCycle.cs and
/// DemoCycle.Intervention.cs), so a newcomer sees the cycle and the workflow in every state.
/// </summary>
public sealed class DemoCycleTests(DemoCycleTests.PlayedDemo played) : IClassFixture<DemoCycleTests.PlayedDemo>
{
    /// <summary>
    /// The demonstration with its cycle played, once per database for the class (playing it is the slow part): one
    /// test reads it, the other plays it again and checks that nothing changed.
    /// </summary>
    public sealed class PlayedDemo
    {
        private readonly Lazy<Task<Database>> _sqlite = new(() => PrepareAsync(DatabaseProvider.Sqlite));
        private readonly Lazy<Task<Database>> _postgres = new(() => PrepareAsync(DatabaseProvider.Postgres));

        public Task<Database> OnAsync(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? _postgres.Value : _sqlite.Value;
    }

    [Theory, BothDatabases]
    public async Task Demo_HoldsTheYearsTimetable_AndTheCurrentQuartersReturnsInEveryState(DatabaseProvider provider)
    {
        var database = await played.OnAsync(provider);
        await using var db = database.Open();
        var quarter = DemoCycle.Quarter;

        var returns = await db.Returns.AsNoTracking().Where(r => r.Period == quarter.Code).ToListAsync();
        Assert.Equal(ReturnStates.All.Order(), returns.Select(r => r.State).Distinct().Order());
        Assert.Contains(returns, r => r.AmendedAfterSignOff);
        Assert.Contains(returns, r => r.AssigneeId is null);
        var deadline = await db.TimetableMilestones.Where(m => m.Period == quarter.Code && m.Milestone == Milestone.ReturnDeadline).Select(m => m.Date).SingleAsync();
        Assert.Contains(returns, r => ReturnStates.IsLate(r.State, deadline, DemoBundle.Today));

        // A whole year's timetable (and the year before), Q1 closed, Q2 the current period.
        Assert.Equal(8, await db.TimetableMilestones.Select(m => m.Period).Distinct().CountAsync());
        Assert.Equal(quarter, await new ReportingClock(TimeProvider.System, DemoBundle.Today).CurrentPeriodAsync(db, CancellationToken.None));
        Assert.Single(await db.PeriodCycles.Where(c => c.ClosedAt != null).ToListAsync());

        // The figures of the returns that came in were written by them, with their records and exception reports; a
        // signed-off return's figures are final, a submitted one's provisional, and the years before are signed off.
        Assert.True(await db.FigureRecords.AnyAsync(r => r.Source == FigureSources.Web && r.ReturnId != null));
        Assert.True(await db.ExceptionReports.AnyAsync(e => e.Period == quarter.Code));
        var signedOff = returns.First(r => r.State == ReturnState.SignedOff && !r.AmendedAfterSignOff);
        var submitted = returns.First(r => r.State == ReturnState.Submitted && !r.AmendedAfterSignOff);
        Assert.All(await ValuesOfAsync(db, signedOff.Id), v => Assert.NotNull(v.SignedOffAt));
        Assert.All(await ValuesOfAsync(db, submitted.Id), v => Assert.Null(v.SignedOffAt));
        Assert.NotEmpty(await ValuesOfAsync(db, submitted.Id));
        Assert.False(await db.Values.AnyAsync(v => v.PeriodStart < quarter.FinancialYear.StartOrdinal && v.SignedOffAt == null));

        // A return not started has no figures in the quarter: nobody has sent them yet.
        var notStarted = returns.First(r => r.State == ReturnState.NotStarted && r.AssigneeId is not null);
        Assert.Empty(await ValuesOfAsync(db, notStarted.Id));
    }

    [Theory, BothDatabases]
    public async Task Demo_ShowsEveryExceptionState_EachStageWithItsRecord_TriggersAndAnEscalationToTheStrategicBoard(DatabaseProvider provider)
    {
        var database = await played.OnAsync(provider);
        await using var db = database.Open();
        var quarter = DemoCycle.Quarter;
        var reports = await db.ExceptionReports.AsNoTracking().ToListAsync();
        var steps = await db.ExceptionSteps.AsNoTracking().ToListAsync();
        var administrators = await db.RoleAssignments.Where(r => r.Role == Role.Administrator).Select(r => r.PersonId).ToListAsync();

        // Exception reports in every state, a challenged one with its question, one answered (back with the body), closed on
        // recovery by the rules and closed by the central team, each with its reason in words; data-quality ones among them.
        Assert.Equal(ExceptionStates.All.Order(), reports.Select(r => r.State).Distinct().Order());
        Assert.Contains(reports, r => r.State == ExceptionState.Challenged && !string.IsNullOrEmpty(r.Question));
        Assert.Contains(reports, r => r.State == ExceptionState.Submitted && !string.IsNullOrEmpty(r.Answer) && steps.Any(s => s.ExceptionReportId == r.Id && s.Action == ExceptionAction.Answer));
        var closes = steps.Where(s => s.Action == ExceptionAction.Close).ToList();
        Assert.Contains(closes, s => s.PersonId is null && reports.Single(r => r.Id == s.ExceptionReportId) is { Kind: ExceptionKind.Performance, ClosedReason.Length: > 0 } recovered
            && Period.Parse(recovered.Period) < quarter);
        Assert.Contains(closes, s => s.PersonId is { } id && administrators.Contains(id) && !string.IsNullOrEmpty(reports.Single(r => r.Id == s.ExceptionReportId).ClosedReason));
        Assert.Contains(reports, r => r.Kind == ExceptionKind.DataQuality && r.State == ExceptionState.Required);
        Assert.Contains(reports, r => r.Kind == ExceptionKind.DataQuality && r.State == ExceptionState.Drafted);

        // Each stage with its record, against the stages the engine and the triggers give at the quarter.
        var tolerances = await ToleranceSetting.CurrentAsync(db, CancellationToken.None);
        var ladder = (await LadderQuery.RunAsync(db, new ScorecardFilter(quarter), tolerances, CancellationToken.None)).Entries.ToDictionary(e => (e.IndicatorId, e.AreaId));
        var stageOne = await db.Actions.AsNoTracking().Where(a => a.Stage == 1 && a.Period == quarter.Code).ToListAsync();
        Assert.Contains(stageOne, a => ladder[(a.IndicatorId!.Value, a.AreaId!.Value)].Stage == 1);
        var plans = await db.ActionPlans.AsNoTracking().Where(p => p.State == ActionPlanState.Agreed).ToListAsync();
        var agreed = Assert.Single(plans, p => ladder[(p.IndicatorId, p.AreaId)].Stage == 2);
        var actions = await db.Actions.AsNoTracking().Where(a => a.ActionPlanId == agreed.Id).Select(a => a.Id).ToListAsync();
        Assert.True(actions.Count >= 2);
        Assert.True(await db.ActionMilestones.AnyAsync(m => actions.Contains(m.ActionId)));
        Assert.True(await db.Actions.AnyAsync(a => a.ActionPlanId == agreed.Id && a.PercentComplete > 0));
        Assert.NotEmpty(await ActionPlanFlags.MissingAsync(db, quarter, CancellationToken.None));
        var requests = await db.ReportRequests.AsNoTracking().ToListAsync();
        var considered = Assert.Single(requests, r => r.State == ReportRequestState.Considered);
        Assert.False(string.IsNullOrEmpty(considered.Decision));
        Assert.Contains(requests, r => r.State == ReportRequestState.Requested);
        var at = await LadderQuery.RunAsync(db, new ScorecardFilter(Period.Parse(considered.Period)), tolerances, CancellationToken.None);
        Assert.Equal(3, at.Entries.Single(e => (e.IndicatorId, e.AreaId) == (considered.IndicatorId, considered.AreaId)).Stage);
        using (var word = WordprocessingDocument.Open(new MemoryStream(considered.Document!), false))
        {
            Assert.False(string.IsNullOrWhiteSpace(word.MainDocumentPart!.Document!.Body!.InnerText));
        }

        // Stages set by hand: one still shown, one cleared (its quarter's record says the stage came down).
        var triggers = await db.LadderTriggers.AsNoTracking().ToListAsync();
        var active = Assert.Single(triggers, t => t.ClearedInPeriod is null);
        Assert.Equal(active.Stage, ladder[(active.IndicatorId, active.AreaId)].Stage);
        Assert.True(active.Stage > ladder[(active.IndicatorId, active.AreaId)].Assessment.ComputedLadderStage);
        var cleared = Assert.Single(triggers, t => t.ClearedInPeriod is not null);
        Assert.False(string.IsNullOrEmpty(cleared.ClearReason));
        var changes = await db.LadderChanges.AsNoTracking().ToListAsync();
        Assert.Contains(changes, c => (c.IndicatorId, c.AreaId, c.Period) == (cleared.IndicatorId, cleared.AreaId, cleared.ClearedInPeriod) && c.Movement == LadderMovement.DeEscalated);

        // The ladder's record of the quarters before: escalations and de-escalations by the rules.
        Assert.Contains(changes, c => c.Movement == LadderMovement.DeEscalated && c.ManualStage == 0 && Period.Parse(c.Period) < quarter);
        Assert.Contains(changes, c => c.Movement == LadderMovement.Escalated && Period.Parse(c.Period).FinancialYear.Equals(quarter.FinancialYear.Previous()));

        // An escalation that climbed the chain to the strategic board, a decision and its date at each step.
        var strategic = await db.Bodies.Where(b => b.Kind == BodyKind.StrategicBoard).Select(b => b.Id).SingleAsync();
        var escalation = await db.Escalations.AsNoTracking().SingleAsync(e => e.Level == EscalationLevel.StrategicBoard);
        Assert.Equal(strategic, escalation.BodyId);
        var climbed = await db.EscalationSteps.AsNoTracking().Where(s => s.EscalationId == escalation.Id).OrderBy(s => s.At).ToListAsync();
        Assert.Equal(EscalationChain.All.TakeWhile(l => l != EscalationLevel.StrategicBoard), climbed.Select(s => s.From));
        Assert.All(climbed, s => Assert.False(string.IsNullOrWhiteSpace(s.Decision)));

        // The boards have their chairs and secretaries, and the notices these steps raised wait on the sign-in people's tasks.
        Assert.True(await db.Bodies.Where(b => b.Kind == BodyKind.ExecutiveBoard || b.Kind == BodyKind.StrategicBoard).AllAsync(b => b.ChairId != null && b.SecretaryId != null));
        foreach (var who in new[] { "indicator.owner", "body.member", "delivery.lead" })
        {
            var email = $"{who}@{DemoPeople.Domain}";
            Assert.True(await db.Notices.AnyAsync(n => n.DoneAt == null && db.People.Any(p => p.Id == n.PersonId && p.Email == email)), $"{who} has open notices");
        }
    }

    [Theory, BothDatabases]
    public async Task Demo_IsPlayedOnce_AndNeverOverAnotherLoad(DatabaseProvider provider)
    {
        var database = await played.OnAsync(provider);
        int returns, records;
        await using (var db = database.Open())
        {
            returns = await db.Returns.CountAsync();
            records = await db.FigureRecords.CountAsync();
        }

        await DemoCycle.PrepareAsync(database, CancellationToken.None);

        await using (var db = database.Open())
        {
            Assert.Equal(returns, await db.Returns.CountAsync());
            Assert.Equal(records, await db.FigureRecords.CountAsync());
        }

        // The demonstration loaded whole with its people (as the tests' hosts load it) has the quarter's figures already:
        // no cycle is played over them.
        var (whole, _) = await TestDatabase.CreateDemoAsync(provider);
        await DemoCycle.PrepareAsync(whole, CancellationToken.None);
        await using (var db = whole.Open())
        {
            Assert.False(await db.Returns.AnyAsync());
        }
    }

    private static async Task<Database> PrepareAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            Assert.True(await DemoBundle.LoadIntoEmptyForCycleAsync(db, CancellationToken.None));
        }

        await DemoPeople.PrepareAsync(database, CancellationToken.None);
        await DemoCycle.PrepareAsync(database, CancellationToken.None);
        return database;
    }

    private static async Task<List<GoldenThread.Indicators.IndicatorValue>> ValuesOfAsync(GoldenThreadDb db, int returnId)
    {
        var lines = await db.ReturnLines.AsNoTracking().Where(l => l.ReturnId == returnId).Select(l => new { l.IndicatorId, l.AreaId, l.Period }).ToListAsync();
        var values = new List<GoldenThread.Indicators.IndicatorValue>();
        foreach (var line in lines)
        {
            values.AddRange(await db.Values.AsNoTracking().Where(v => v.IndicatorId == line.IndicatorId && v.AreaId == line.AreaId && v.Period == line.Period).ToListAsync());
        }

        return values;
    }
}
