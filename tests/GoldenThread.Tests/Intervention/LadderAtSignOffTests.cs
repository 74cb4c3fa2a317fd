using System.Text.Json;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Returns;
using GoldenThread.Intervention;
using GoldenThread.Reminders;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tests.Returns.Review;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Intervention;

/// <summary>
/// The ladder's changes are recorded when a return is signed off (issue 11: stages and their notices come promptly, not at
/// the next daily run), on each database: the sign-off queues the <c>ladder.record</c> job for the return's quarter in its
/// own unit of work, and that job records the stage the signed-off figures give and tells the pair's delivery lead.
/// </summary>
public sealed class LadderAtSignOffTests
{
    [Theory, BothDatabases]
    public async Task SignOff_QueuesTheQuartersLadderRecord_WhichRecordsTheNewStageAndTellsTheLead(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var area = await h.Data.CreateAreaAsync();
        var body = await h.Data.CreateBodyAsync();
        var indicator = await h.Data.CreateIndicatorAsync(leadOrganisation: h.Council, body: body);
        await h.Data.CreateTargetAsync(indicator, area, "2009-10", 100m);

        // Red in Q2 and in Q3: two quarters off trajectory, Stage 2 at Q3.
        await h.Data.CreateValueAsync(indicator, area, "2009-10-Q2", actual: 60m, projectedOutturn: 60m);
        await h.Data.CreateValueAsync(indicator, area, ReviewHarness.Quarter, actual: 60m, projectedOutturn: 60m);
        var lead = await h.AddPersonAsync("delivery.lead", h.Council, new Grant(Role.DeliveryLead, indicator.Id, area.Id));
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, lead, state: ReturnState.QualityAssured);
        await h.Data.CreateReturnLineAsync(r, indicator, area, actual: 60m, projectedOutturn: 60m);

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.SignOffAsync(r.Id, request, CancellationToken.None));

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
        Job job;
        await using (var db = h.Database.Open())
        {
            job = await db.Jobs.SingleAsync(j => j.Kind == LadderRecordJob.Kind);
            Assert.Equal((JobState.Queued, h.Clock.GetUtcNow()), (job.State, job.DueAt));
            Assert.Equal(ReviewHarness.Quarter, JsonSerializer.Deserialize<LadderRecordJob.Payload>(job.Payload, JsonSerializerOptions.Web)!.Period);
            Assert.Equal($"{LadderRecordJob.Kind}:sign-off:{r.Id}:{h.Clock.GetUtcNow().UtcTicks}", job.UniqueKey);
            Assert.False(await db.LadderChanges.AnyAsync());
        }

        // The worker runs it: the quarter's change is recorded, and the lead is told.
        var configuration = new ConfigurationBuilder().Build();
        await using (var worker = WorkerSetup.CreateServices(h.Database, h.Clock, s => s.AddGoldenThreadReminders(configuration).AddGoldenThreadIntervention(configuration)))
        {
            await using var scope = worker.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(LadderRecordJob.Kind).RunAsync(job, CancellationToken.None);
        }

        await using (var db = h.Database.Open())
        {
            var change = await db.LadderChanges.SingleAsync(c => c.IndicatorId == indicator.Id && c.AreaId == area.Id);
            Assert.Equal((ReviewHarness.Quarter, 1, 2, 2, LadderMovement.Escalated), (change.Period, change.FromStage, change.ToStage, change.ComputedStage, change.Movement));
            Assert.True(await db.Notices.AnyAsync(n => n.PersonId == lead.Id && n.Kind == NoticeKind.StageChanged));
        }
    }

    [Theory, BothDatabases]
    public async Task OtherReviewSteps_QueueNoLadderRecord(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.Submitted);

        Assert.True((await h.RunAsync(h.Officer, (review, request) => review.AcceptAsync(r.Id, request, CancellationToken.None))).Succeeded);

        await using var db = h.Database.Open();
        Assert.False(await db.Jobs.AnyAsync(j => j.Kind == LadderRecordJob.Kind));
    }
}
