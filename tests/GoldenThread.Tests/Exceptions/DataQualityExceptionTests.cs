using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Exceptions;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Exceptions;

/// <summary>Data-quality exceptions on each database (issue 11, item 4): raised by the rules, once, and climbing the same ladder.</summary>
public sealed class DataQualityExceptionTests
{
    private static readonly Period Q1 = Period.Parse("2009-10-Q1");
    private static readonly Period Q2 = Period.Parse("2009-10-Q2");
    private static readonly Period Q3 = Period.Parse("2009-10-Q3");

    [Theory, BothDatabases]
    public async Task Review_LateThreeQuartersRunning_RaisesOncePerQuarter_AndClimbsTheLadder(DatabaseProvider provider)
    {
        await using var world = await ExceptionLifeTests.World.CreateAsync(provider);
        await world.LineAsync();
        foreach (var quarter in new[] { Q1, Q2 })
        {
            var late = await world.Data.CreateReturnAsync(quarter.Code, world.Lead);
            await world.Data.CreateReturnLineAsync(late, world.Indicator, world.Area);
        }

        await using (var db = world.Database.Open(tracking: true))
        {
            foreach (var quarter in new[] { Q1, Q2, Q3 })
            {
                db.TimetableMilestones.Add(new TimetableMilestone { Period = quarter.Code, Milestone = Milestone.ReturnDeadline, Date = quarter.EndDate().AddDays(5) });
            }

            await db.SaveChangesAsync();
        }

        Assert.Equal((0, 0), await world.DataQualityAsync(Q1));
        Assert.Equal((1, 0), await world.DataQualityAsync(Q2));
        Assert.Equal((1, 0), await world.DataQualityAsync(Q3));
        Assert.Equal((0, 0), await world.DataQualityAsync(Q3));

        await using (var db = world.Database.Open())
        {
            var reports = await db.ExceptionReports.Where(e => e.Kind == ExceptionKind.DataQuality).OrderBy(e => e.Period).ToListAsync();
            Assert.Equal([Q2.Code, Q3.Code], reports.Select(r => r.Period));
            Assert.All(reports, r => Assert.Equal((DataQualityCause.LateTwiceRunning, ExceptionState.Required, world.Body.Id), (r.Cause, r.State, r.BodyId)));
            var raise = await db.ExceptionSteps.FirstAsync(s => s.ExceptionReportId == reports[1].Id);
            Assert.Contains("late two quarters running", raise.Text, StringComparison.Ordinal);
            Assert.True(await db.Notices.AnyAsync(n => n.PersonId == world.Lead.Id && n.Kind == NoticeKind.ExceptionToWrite));

            var rows = await ExceptionQueries.ListAsync(db, new ExceptionFilter(Kind: "data_quality"), CancellationToken.None);
            Assert.Equal([(Q3.Code, 2), (Q2.Code, 1)], rows.Select(r => (r.Period, r.Stage!.Value)));
        }
    }

    [Theory, BothDatabases]
    public async Task Review_NoActiveOwner_RaisesForTheQuartersAreas_AndTheLeadWritesIt(DatabaseProvider provider)
    {
        await using var world = await ExceptionLifeTests.World.CreateAsync(provider);

        Assert.Equal((1, 0), await world.DataQualityAsync(Q3, ownersNow: true));
        await using var db = world.Database.Open();
        var report = await db.ExceptionReports.SingleAsync(e => e.Kind == ExceptionKind.DataQuality);
        Assert.Equal((DataQualityCause.NoActiveOwner, world.Area.Id), (report.Cause, report.AreaId));

        var early = await world.RunAsync<WriteDataQualityException, DataQualityWriting>(world.Lead, new DataQualityWriting(report.Id, world.ActorOf(world.Lead), "Owner left", null, Submit: true));
        Assert.Equal("plans", Assert.Single(early.Errors).Field);
        var written = await world.RunAsync<WriteDataQualityException, DataQualityWriting>(world.Lead, new DataQualityWriting(report.Id, world.ActorOf(world.Lead), "Owner left", "New owner named in March", Submit: true));
        Assert.True(written.Succeeded);
        Assert.Equal(ExceptionState.Submitted, (await world.Database.Open().ExceptionReports.SingleAsync(e => e.Id == report.Id)).State);
    }
}
