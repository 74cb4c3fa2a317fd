using GoldenThread.Actions;
using GoldenThread.Audit;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Intervention;
using GoldenThread.Notices;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Actions;

/// <summary>Stage 1 actions, stage 2 action plans (and their flag) and stage 3 report requests, on both databases.</summary>
public sealed class LadderRecordsTests
{
    private static readonly Period Q2 = Period.Parse(ActionsHarness.Quarter);

    [Theory, BothDatabases]
    public async Task StageOne_RecordedByTheDeliveryLead_IsStoredAudited_AndOnThePartnershipsAndBoardsBusiness(DatabaseProvider provider)
    {
        var h = await ActionsHarness.CreateAsync(provider);
        var other = await h.Data.CreateBodyAsync();

        var outcome = await h.RunAsync(h.Lead, (db, audit, _) => new RecordStageOneAction(db, audit, h.Clock),
            actor => new StageOneActionInput(actor, h.Indicator.Code, h.Area.Code, ActionsHarness.Quarter, "  Raised it at the partnership  ", "Extra patrols", "Lead Person", "2009-12-31"));

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
        await using var db = h.Database.Open();
        var item = await db.Actions.SingleAsync();
        Assert.Equal((1, ActionsHarness.Quarter, h.Indicator.Id, h.Area.Id, "Raised it at the partnership"), (item.Stage!.Value, item.Period, item.IndicatorId!.Value, item.AreaId!.Value, item.What));
        Assert.Equal(new DateOnly(2009, 12, 31), item.DueOn);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.StageOneActionRecorded && e.ActorId == h.Lead.Id));
        var partnership = await LadderBusiness.ForBodyAsync(db, h.Partnership.Id, Q2, h.Reporting.Today, CancellationToken.None);
        var board = await LadderBusiness.ForBodyAsync(db, h.Board.Id, Q2, h.Reporting.Today, CancellationToken.None);
        var unrelated = await LadderBusiness.ForBodyAsync(db, other.Id, Q2, h.Reporting.Today, CancellationToken.None);
        Assert.Equal(item.Id, Assert.Single(partnership.StageOneActions).Id);
        Assert.Equal(item.Id, Assert.Single(board.StageOneActions).Id);
        Assert.Empty(unrelated.StageOneActions);
    }

    [Theory, BothDatabases]
    public async Task StageOne_ByAnotherAreasLead_IsRefusedAtTheIndicator_AndNothingIsWritten(DatabaseProvider provider)
    {
        var h = await ActionsHarness.CreateAsync(provider);

        var outcome = await h.RunAsync(h.OtherLead, (db, audit, _) => new RecordStageOneAction(db, audit, h.Clock),
            actor => new StageOneActionInput(actor, h.Indicator.Code, h.Area.Code, ActionsHarness.Quarter, "Something", null, "Me", null));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("indicator", error.Field);
        Assert.StartsWith($"You may not record action for {h.Indicator.Code} in {h.Area.Code}", error.Message, StringComparison.Ordinal);
        await using var db = h.Database.Open();
        Assert.Empty(await db.Actions.ToListAsync());
    }

    [Theory, BothDatabases]
    public async Task Plan_DraftedWithActionsAndMilestones_ThenAgreed_KeepsWhoAndWhen(DatabaseProvider provider)
    {
        var h = await ActionsHarness.CreateAsync(provider);
        var planId = (await h.RunAsync(h.Lead, (db, audit, _) => new DraftActionPlan(db, audit, h.Clock),
            actor => new ActionPlanDraftInput(actor, h.Indicator.Code, h.Area.Code, ActionsHarness.Quarter, "Recovery plan"))).Id!.Value;

        var tooEarly = await h.RunAsync(h.Lead, (db, audit, notices) => new AgreeActionPlan(db, audit, notices, h.Clock), actor => new ActionPlanAgreement(actor, planId, "The partnership"));
        var badAction = await h.RunAsync(h.Lead, (db, audit, _) => new SaveAction(db, audit, h.Clock),
            actor => new ActionInput(actor, planId, null, "", null, "Police", "31/2/2010", "urgent", "on_track", "150"));
        var actionId = (await h.RunAsync(h.Lead, (db, audit, _) => new SaveAction(db, audit, h.Clock),
            actor => new ActionInput(actor, planId, null, "Target hot spots", "Patrols", "Police", "31/3/2010", "high", "on_track", "20"))).Id!.Value;
        var milestone = await h.RunAsync(h.Lead, (db, audit, _) => new SaveMilestone(db, audit, h.Reporting),
            actor => new MilestoneInput(actor, actionId, null, "Patrol rota agreed", "2009-11-30"));
        var agreed = await h.RunAsync(h.Lead, (db, audit, notices) => new AgreeActionPlan(db, audit, notices, h.Clock), actor => new ActionPlanAgreement(actor, planId, "The partnership on 1 October"));
        var progress = await h.RunAsync(h.Lead, (db, audit, _) => new UpdateActionProgress(db, audit, h.Clock), actor => new ActionProgressInput(actor, actionId, "completed", "60"));

        Assert.Equal("Add at least one action before agreeing the plan", Assert.Single(tooEarly.Errors).Message);
        Assert.Equal(["what", "due", "percent", "priority"], badAction.Errors.Select(e => e.Field));
        Assert.True(milestone.Succeeded && agreed.Succeeded && progress.Succeeded);
        await using var db = h.Database.Open();
        var plan = await db.ActionPlans.SingleAsync();
        Assert.Equal((ActionPlanState.Agreed, "The partnership on 1 October", h.Lead.Id, "Lead Person"), (plan.State, plan.AgreedWith, plan.AgreedById!.Value, plan.AgreedBy));
        Assert.Equal(h.Clock.GetUtcNow(), plan.AgreedAt);
        var action = await db.Actions.SingleAsync();
        Assert.Equal((planId, ActionPriority.High, ActionStatus.Completed, 100, new DateOnly(2010, 3, 31)), (action.ActionPlanId!.Value, action.Priority, action.Status, action.PercentComplete, action.DueOn!.Value));
        Assert.Equal("Patrol rota agreed", (await db.ActionMilestones.SingleAsync(m => m.ActionId == actionId)).Name);
        var actions = await db.AuditEntries.Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.ActionPlanDrafted, actions);
        Assert.Contains(AuditActions.ActionSaved, actions);
        Assert.Contains(AuditActions.ActionMilestoneSaved, actions);
        Assert.Contains(AuditActions.ActionPlanAgreed, actions);
        Assert.Contains(AuditActions.ActionProgressUpdated, actions);
    }

    [Theory, BothDatabases]
    public async Task Flag_StageTwoWithoutAnAgreedPlan_AppearsWithNoticesToTheLead_AndGoesWhenThePlanIsAgreed(DatabaseProvider provider)
    {
        var h = await ActionsHarness.CreateAsync(provider);
        await h.FiguresAsync(h.Indicator, h.Area, ["2009-10-Q1", "2009-10-Q2"]);
        await h.FiguresAsync(h.Indicator, h.OtherArea, ["2009-10-Q2"], ["2009-10-Q1"]);

        IReadOnlyList<MissingPlan> before;
        await using (var db = h.Database.Open(tracking: true))
        {
            before = await ActionPlanFlags.MissingAsync(db, Q2, CancellationToken.None);
            await ActionPlanFlags.RaiseNoticesAsync(db, new NoticeBoard(db, h.Clock), Q2, CancellationToken.None);
            await db.SaveChangesAsync();
            await ActionPlanFlags.RaiseNoticesAsync(db, new NoticeBoard(db, h.Clock), Q2, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var planId = (await h.RunAsync(h.Lead, (db, audit, _) => new DraftActionPlan(db, audit, h.Clock),
            actor => new ActionPlanDraftInput(actor, h.Indicator.Code, h.Area.Code, ActionsHarness.Quarter, "Recovery plan"))).Id!.Value;
        await h.RunAsync(h.Lead, (db, audit, _) => new SaveAction(db, audit, h.Clock), actor => new ActionInput(actor, planId, null, "Act", null, "Police", null, null, "not_started", null));
        IReadOnlyList<MissingPlan> whileDraft;
        await using (var db = h.Database.Open())
        {
            whileDraft = await ActionPlanFlags.MissingAsync(db, Q2, CancellationToken.None);
        }

        await h.RunAsync(h.Lead, (db, audit, notices) => new AgreeActionPlan(db, audit, notices, h.Clock), actor => new ActionPlanAgreement(actor, planId, "The partnership"));

        var flagged = Assert.Single(before);
        Assert.Equal((h.Indicator.Id, h.Area.Id, 2, (int?)null), (flagged.IndicatorId, flagged.AreaId, flagged.Stage, flagged.DraftPlanId));
        Assert.Equal(planId, Assert.Single(whileDraft).DraftPlanId);
        await using var after = h.Database.Open();
        Assert.Empty(await ActionPlanFlags.MissingAsync(after, Q2, CancellationToken.None));
        var notice = await after.Notices.SingleAsync();
        Assert.Equal((h.Lead.Id, NoticeKind.ActionPlanNeeded), (notice.PersonId, notice.Kind));
        Assert.Equal(h.Clock.GetUtcNow(), notice.DoneAt);
    }

    [Theory, BothDatabases]
    public async Task ReportRequest_RequestedAnsweredWithADocument_ThenConsidered_TellsTheOwnerThenTheSecretary(DatabaseProvider provider)
    {
        var h = await ActionsHarness.CreateAsync(provider);
        var byLead = await h.RunAsync(h.Lead, (db, audit, notices) => new RequestReport(db, audit, notices, h.Clock, h.Reporting),
            actor => new ReportRequestInput(actor, h.Indicator.Code, h.Area.Code, ActionsHarness.Quarter, "Causes and options", h.Lead.Email, "2009-11-30"));
        var requested = await h.RunAsync(h.BoardMember, (db, audit, notices) => new RequestReport(db, audit, notices, h.Clock, h.Reporting),
            actor => new ReportRequestInput(actor, h.Indicator.Code, h.Area.Code, ActionsHarness.Quarter, "Causes and options", h.Lead.Email, "2009-11-30"));
        var id = requested.Id!.Value;
        await using (var db = h.Database.Open())
        {
            Assert.False(ActionQueries.IsLate(ReportRequestState.Requested, new DateOnly(2009, 11, 30), h.Reporting.Today));
            var notice = await db.Notices.SingleAsync();
            Assert.Equal((h.Lead.Id, NoticeKind.ReportRequested, $"report:{id}:requested"), (notice.PersonId, notice.Kind, notice.Key));
        }

        h.Clock.Advance(TimeSpan.FromDays(50));
        await using (var db = h.Database.Open())
        {
            Assert.True(Assert.Single(await ActionQueries.ReportRequestsAsync(db, h.Reporting.Today, CancellationToken.None)).Late);
        }

        var notADocx = await h.RunAsync(h.Lead, (db, audit, notices) => new AnswerReport(db, audit, notices, h.Clock),
            actor => new ReportAnswerInput(actor, id, "Causes", "Options", new UploadedDocument("report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "not a zip"u8.ToArray())));
        var exe = await h.RunAsync(h.Lead, (db, audit, notices) => new AnswerReport(db, audit, notices, h.Clock),
            actor => new ReportAnswerInput(actor, id, "Causes", "Options", new UploadedDocument("report.exe", "application/octet-stream", [0x4d, 0x5a])));
        var considerEarly = await h.RunAsync(h.BoardMember, (db, audit, notices) => new ConsiderReport(db, audit, notices, h.Clock), actor => new ReportDecisionInput(actor, id, "Noted"));
        var pdf = "%PDF-1.4 the report"u8.ToArray();
        var answered = await h.RunAsync(h.Lead, (db, audit, notices) => new AnswerReport(db, audit, notices, h.Clock),
            actor => new ReportAnswerInput(actor, id, "Staff shortages", "Recruit; redeploy", new UploadedDocument("C:\\reports\\causes.pdf", "application/pdf", pdf)));
        var byLeadConsider = await h.RunAsync(h.Lead, (db, audit, notices) => new ConsiderReport(db, audit, notices, h.Clock), actor => new ReportDecisionInput(actor, id, "Noted"));
        var considered = await h.RunAsync(h.BoardMember, (db, audit, notices) => new ConsiderReport(db, audit, notices, h.Clock), actor => new ReportDecisionInput(actor, id, "Option 2 agreed"));

        Assert.Equal("Only the executive board's members and administrators may request a stage 3 report", Assert.Single(byLead.Errors).Message);
        Assert.Equal("The file's contents are not those of a .docx file", Assert.Single(notADocx.Errors).Message);
        Assert.Equal("The report must be a .docx, .pdf or .odt file", Assert.Single(exe.Errors).Message);
        Assert.Equal("The report has not been answered yet", Assert.Single(considerEarly.Errors).Message);
        Assert.True(answered.Succeeded, string.Join(" ", answered.Errors.Select(e => e.Message)));
        Assert.Equal("decision", Assert.Single(byLeadConsider.Errors).Field);
        Assert.True(considered.Succeeded);
        await using var after = h.Database.Open();
        var report = await after.ReportRequests.SingleAsync();
        Assert.Equal((ReportRequestState.Considered, "Staff shortages", "Recruit; redeploy", "Option 2 agreed"), (report.State, report.Causes, report.Options, report.Decision));
        Assert.Equal(("causes.pdf", "application/pdf"), (report.DocumentName, report.DocumentType));
        Assert.Equal(pdf, report.Document);
        var notices = await after.Notices.OrderBy(n => n.Id).ToListAsync();
        Assert.Equal([(h.Lead.Id, NoticeKind.ReportRequested, true), (h.Secretary.Id, NoticeKind.ReportAnswered, true)], notices.Select(n => (n.PersonId, n.Kind, n.DoneAt is not null)));
        var audit = await after.AuditEntries.Select(e => e.Action).ToListAsync();
        Assert.Equal(1, audit.Count(a => a == AuditActions.ReportRequested));
        Assert.Equal(1, audit.Count(a => a == AuditActions.ReportAnswered));
        Assert.Equal(1, audit.Count(a => a == AuditActions.ReportConsidered));
    }

    [Theory, BothDatabases]
    public async Task HalfYearly_ListsExactlyThePairsAtStageTwoOrThree_WithTheirPlansAndRequests(DatabaseProvider provider)
    {
        var h = await ActionsHarness.CreateAsync(provider);
        var stageThree = await h.Data.CreateIndicatorAsync(body: h.Partnership);
        var stageOne = await h.Data.CreateIndicatorAsync(body: h.Partnership);
        var onTrack = await h.Data.CreateIndicatorAsync(body: h.Partnership);
        var manual = await h.Data.CreateIndicatorAsync(body: h.Partnership);
        await h.FiguresAsync(h.Indicator, h.Area, ["2009-10-Q1", "2009-10-Q2"]);
        await h.FiguresAsync(stageThree, h.Area, ["2008-09-Q4", "2009-10-Q1", "2009-10-Q2"]);
        await h.FiguresAsync(stageOne, h.Area, ["2009-10-Q2"], ["2009-10-Q1"]);
        await h.FiguresAsync(onTrack, h.Area, [], ["2009-10-Q1", "2009-10-Q2"]);
        await h.FiguresAsync(manual, h.Area, [], ["2009-10-Q1", "2009-10-Q2"]);
        await using (var db = h.Database.Open(tracking: true))
        {
            db.LadderTriggers.Add(new LadderTrigger { IndicatorId = manual.Id, AreaId = h.Area.Id, Stage = 2, FromPeriod = "2009-10-Q1", Reason = "Inspection", Evidence = "Report", RaisedBy = "Board" });
            await db.SaveChangesAsync();
        }

        var planId = (await h.RunAsync(h.Lead, (db, audit, _) => new DraftActionPlan(db, audit, h.Clock),
            actor => new ActionPlanDraftInput(actor, h.Indicator.Code, h.Area.Code, ActionsHarness.Quarter, "Recovery plan"))).Id!.Value;
        await h.RunAsync(h.Lead, (db, audit, _) => new SaveAction(db, audit, h.Clock), actor => new ActionInput(actor, planId, null, "Act", null, "Police", "2010-01-31", "high", "at_risk", "40"));
        await h.RunAsync(h.BoardMember, (db, audit, notices) => new RequestReport(db, audit, notices, h.Clock, h.Reporting),
            actor => new ReportRequestInput(actor, stageThree.Code, h.Area.Code, ActionsHarness.Quarter, "Causes", h.Lead.Email, "2009-11-30"));

        await using var read = h.Database.Open();
        var report = await HalfYearlyReports.BuildAsync(read, Period.Parse("2009-10-H1"), h.Reporting.Today, CancellationToken.None);

        Assert.Equal(Period.Parse("2009-10-Q2"), report.Quarter);
        Assert.Equal(
            new[] { (h.Indicator.Code, 2), (stageThree.Code, 3), (manual.Code, 2) }.OrderBy(x => x.Item1, StringComparer.Ordinal),
            report.Items.Select(i => (i.IndicatorCode, i.Stage)));
        var item = report.Items.Single(i => i.IndicatorCode == h.Indicator.Code);
        var action = Assert.Single(Assert.Single(item.Plans).Actions).Action;
        Assert.Equal((ActionStatus.AtRisk, 40), (action.Status, action.PercentComplete));
        Assert.Equal(ReportRequestState.Requested, Assert.Single(report.Items.Single(i => i.IndicatorCode == stageThree.Code).ReportRequests).State);
        Assert.Equal(0, report.Items.Single(i => i.IndicatorCode == manual.Code).ComputedStage);
    }
}
