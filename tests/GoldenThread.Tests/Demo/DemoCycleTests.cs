using GoldenThread.Demo;
using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;
using GoldenThread.History;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Demo;

/// <summary>
/// The demonstration as <c>serve --demo</c> prepares it holds a whole year's timetable and a quarter's returns in every
/// state, played through the product's own use cases (Demo/DemoCycle.cs), so a newcomer sees the cycle in every state.
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
