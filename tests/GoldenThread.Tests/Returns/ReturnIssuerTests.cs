using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Returns;

/// <summary>Issuing a quarter's returns on each database: who gets which line, idempotence, and the worker's job.</summary>
public sealed class ReturnIssuerTests
{
    private static readonly DateTimeOffset Now = new(2010, 1, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly Period Q3 = Period.Parse("2009-10-Q3");

    [Theory, BothDatabases]
    public async Task Issue_SendsEachLineToTheDeliveryLead_ElseTheOwner_ElseToNoOneForTheLeadOrganisation(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var data = new TestData(database);
        var police = await data.CreateOrganisationAsync();
        var (north, south) = (await data.CreateAreaAsync(), await data.CreateAreaAsync());
        var crime = await data.CreateIndicatorAsync(leadOrganisation: police);
        var orphan = await data.CreateIndicatorAsync(leadOrganisation: police);
        await data.CreateTargetAsync(crime, north, "2009-10", 100m);
        await data.CreateTargetAsync(crime, south, "2009-10", 100m);
        await data.CreateTargetAsync(orphan, north, "2009-10-Q3", 5m);
        var lead = await TestPeople.AddAsync(database, "lead@example.org", new Grant(Role.DeliveryLead, crime.Id, north.Id));
        var owner = await TestPeople.AddAsync(database, "owner@example.org", new Grant(Role.IndicatorOwner, crime.Id));

        var result = await IssueAsync(database);

        Assert.Equal((3, 3), (result.ReturnsAdded, result.LinesAdded));
        Assert.Equal([$"{orphan.Code} in {north.Name}"], result.Unassigned);
        await using var db = database.Open();
        var returns = await db.Returns.Include(r => r.Lines).OrderBy(r => r.Id).ToListAsync();
        Assert.All(returns, r => Assert.Equal((Q3.Code, ReturnState.NotStarted), (r.Period, r.State)));
        Assert.Equal((crime.Id, north.Id), returns.Single(r => r.AssigneeId == lead.Id).Lines.Select(l => (l.IndicatorId, l.AreaId)).Single());
        Assert.Equal((crime.Id, south.Id), returns.Single(r => r.AssigneeId == owner.Id).Lines.Select(l => (l.IndicatorId, l.AreaId)).Single());
        var nobody = returns.Single(r => r.AssigneeId is null);
        Assert.Equal(police.Id, nobody.OrganisationId);
        Assert.Equal(orphan.Id, nobody.Lines.Single().IndicatorId);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ReturnsIssued);
        Assert.StartsWith("Returns issued for 2009/10 Q3: 3 returns, 3 lines.", entry.Detail, StringComparison.Ordinal);
        Assert.Contains(orphan.Code, entry.Detail, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Issue_Twice_AddsNothing_ThenAfterANewOwnerAndIndicator_OnlyWhatIsMissing(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var data = new TestData(database);
        var area = await data.CreateAreaAsync();
        var first = await data.CreateIndicatorAsync();
        await data.CreateTargetAsync(first, area, "2009-10", 10m);
        var owner = await TestPeople.AddAsync(database, "owner@example.org", new Grant(Role.IndicatorOwner, first.Id));

        var once = await IssueAsync(database);
        var twice = await IssueAsync(database);
        var second = await data.CreateIndicatorAsync(frequency: Frequency.Monthly);
        await data.CreateTargetAsync(second, area, "2009-10", 10m);
        await using (var db = database.Open(tracking: true))
        {
            db.RoleAssignments.Add(new People.RoleAssignment { PersonId = owner.Id, Role = Role.IndicatorOwner, IndicatorId = second.Id, GrantedAt = Now });
            await db.SaveChangesAsync();
        }

        var third = await IssueAsync(database);

        Assert.Equal((1, 1), (once.ReturnsAdded, once.LinesAdded));
        Assert.Equal((0, 0), (twice.ReturnsAdded, twice.LinesAdded));
        Assert.Equal((0, 3), (third.ReturnsAdded, third.LinesAdded));
        await using var check = database.Open();
        var only = await check.Returns.Include(r => r.Lines).SingleAsync();
        Assert.Equal(owner.Id, only.AssigneeId);
        Assert.Equal(
            [("2009-10-Q3", true, true), ("2009-10-M07", true, false), ("2009-10-M08", true, false), ("2009-10-M09", true, true)],
            only.Lines.OrderBy(l => l.IndicatorId).ThenBy(l => l.PeriodStart).Select(l => (l.Period, l.ActualDue, l.ProjectedOutturnDue)));
    }

    [Theory, BothDatabases]
    public async Task Issue_AnnualAtQ4_AsksTheQuarterForecastAndTheYearsActual_StartingFromStoredFigures(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var data = new TestData(database);
        var area = await data.CreateAreaAsync();
        var annual = await data.CreateIndicatorAsync(frequency: Frequency.Annual);
        await data.CreateTargetAsync(annual, area, "2009-10", 10m);
        await data.CreateValueAsync(annual, area, "2009-10-Q4", projectedOutturn: 11m, note: "Imported");

        await IssueAsync(database, Period.Parse("2009-10-Q4"), Now.AddMonths(3));

        await using var db = database.Open();
        var lines = await db.ReturnLines.OrderBy(l => l.PeriodStart).ToListAsync();
        Assert.Equal([("2009-10", true, false, (decimal?)null), ("2009-10-Q4", false, true, 11m)], lines.Select(l => (l.Period, l.ActualDue, l.ProjectedOutturnDue, l.ProjectedOutturn)));
        Assert.Equal("Imported", lines[1].Note);
    }

    [Theory, BothDatabases]
    public async Task Issue_DeactivatedLead_IsPassedOverForTheOwner(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var data = new TestData(database);
        var area = await data.CreateAreaAsync();
        var indicator = await data.CreateIndicatorAsync();
        await data.CreateTargetAsync(indicator, area, "2009-10", 10m);
        var lead = await TestPeople.AddAsync(database, "gone@example.org", new Grant(Role.DeliveryLead, indicator.Id, area.Id));
        var owner = await TestPeople.AddAsync(database, "owner@example.org", new Grant(Role.IndicatorOwner, indicator.Id));
        await using (var db = database.Open(tracking: true))
        {
            (await db.People.SingleAsync(p => p.Id == lead.Id)).DeactivatedAt = Now.AddDays(-1);
            await db.SaveChangesAsync();
        }

        await IssueAsync(database);

        await using var check = database.Open();
        Assert.Equal(owner.Id, (await check.Returns.SingleAsync()).AssigneeId);
    }

    [Theory, BothDatabases]
    public async Task Job_ReturnsIssue_IssuesTheQuarterInItsPayload(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var data = new TestData(database);
        var area = await data.CreateAreaAsync();
        var indicator = await data.CreateIndicatorAsync();
        await data.CreateTargetAsync(indicator, area, "2009-10", 10m);
        await using var services = WorkerSetup.CreateServices(database, new FakeTimeProvider(Now));
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(
                ReturnIssueJob.Kind, ReturnIssueJob.PayloadFor(Q3), uniqueKey: ReturnIssueJob.KeyFor(Q3));
        }

        await services.GetRequiredService<JobRunner>().RunDueAsync();

        await using var db = database.Open();
        Assert.Equal(JobState.Succeeded, (await db.Jobs.SingleAsync(j => j.Kind == ReturnIssueJob.Kind)).State);
        Assert.Equal(Q3.Code, (await db.Returns.SingleAsync()).Period);
        Assert.Equal("worker", (await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ReturnsIssued)).ActorName);
    }

    private static async Task<IssueResult> IssueAsync(Database database, Period? quarter = null, DateTimeOffset? now = null)
    {
        await using var services = WorkerSetup.CreateServices(database, new FakeTimeProvider(now ?? Now));
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReturnIssuer>().IssueAsync(quarter ?? Q3, AuditActor.CommandLine, CancellationToken.None);
    }
}
