using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GoldenThread.Actions;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Bodies;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Exceptions;
using GoldenThread.Intervention;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Demo;

/// <summary>
/// The demonstration's exceptions and ladder of intervention (issue 11), played through the workflow's own use cases
/// with the story's clock at the day each step happened, on pairs whose computed stages the bundle's figures give:
/// <list type="bullet">
/// <item>the boards' chairs and secretaries named; the ladder of 2008/09 recorded, quarter by quarter;</item>
/// <item>Q1's exception reports accepted at the quarter's meetings, and those whose pair recovered at Q2 closed on recovery;</item>
/// <item>the executive board's Q1 meeting: NI 15 in Hartmere raised to stage 2 by hand (still active), NI 151 in
/// Wessexshire to stage 1 (cleared in Q2), and a stage 3 report on NI 16 in Hartmere requested of its owner, who answers
/// it with a Word document, which the board considers;</item>
/// <item>an issue about NI 16 in Hartmere escalated by its owner, the Safer and Stronger Communities Partnership and the
/// executive board to the strategic board;</item>
/// <item>Q2: a stage 1 action for NI 16 in Longbarrow; an agreed stage 2 action plan for NI 39 in Wessexshire (the other
/// stage 2 pairs have none, so they are flagged); a second report request (NI 16 in Fenmouth) not yet answered; the
/// partnerships noting, challenging (one answered) and accepting Q2's exception reports; the central team closing one;
/// data-quality exceptions raised by the daily review (one drafted by its owner); and the day's jobs on 16 November.</item>
/// </list>
/// </summary>
public static partial class DemoCycle
{
    private const string ExecutiveChair = "margaret.hale";
    private const string SafetyChair = "irene.stokes";
    private const string HealthChair = "gareth.lloyd";
    private const string Owner = "indicator.owner";

    /// <summary>The chair and secretary of each board that has business in the story, by the first part of their email.</summary>
    private static readonly (string Body, string Chair, string Secretary)[] Officers =
    [
        ("WSB", "ruth.ashdown", "neil.carter"),
        ("WEB", ExecutiveChair, "david.osei"),
        ("SSC", SafetyChair, "body.member"),
        ("HCOP", HealthChair, "tom.hughes"),
    ];

    /// <summary>Names the boards' officers and records the ladder of the years before 2009/10, quarter by quarter.</summary>
    private static async Task PrepareBoardsAsync(ServiceProvider services, StoryTime time, Dictionary<string, Person> people, CancellationToken cancellationToken)
    {
        time.Set(FormsIssued.AddMonths(-3).AddDays(-7));
        var admin = await AsAsync(services, people, "administrator", cancellationToken);
        foreach (var (body, chair, secretary) in Officers)
        {
            await RunAsync<NameBodyOfficers, BodyOfficers>(
                services, admin.Audit, new BodyOfficers(body, Id(people[chair]), Id(people[secretary])), $"naming the officers of {body}", cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var recorder = scope.ServiceProvider.GetRequiredService<LadderRecorder>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        for (var index = 1; index <= 4; index++)
        {
            // As the worker's ladder.record job would have, without telling anyone of moves long past.
            var quarter = Period.Create(Year.Previous().Year, PeriodKind.Quarter, index);
            var changed = await recorder.RecordAsync(quarter, null, tell: false, cancellationToken);
            audit.Add(AuditActor.Worker, AuditActions.LadderRecorded, string.Create(CultureInfo.InvariantCulture, $"Recorded {changed} changes of ladder stage at {quarter.DisplayName}."), subjectName: quarter.Code);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Q1 after its returns: the partnerships' meetings, the executive board's, and the cycle closed.</summary>
    private static async Task PlayFirstQuarterBusinessAsync(ServiceProvider services, StoryTime time, Dictionary<string, Person> people, Period q1, CancellationToken cancellationToken)
    {
        var meetings = await MeetingsAsync(services, q1, cancellationToken);

        // The thematic partnerships accept each Q1 exception report (the administrator for the indicators no partnership is accountable for).
        time.Set(At(meetings[Domain.Timetable.Milestone.ThematicMeetings], 14));
        var chairs = Officers.ToDictionary(o => o.Body, o => o.Chair);
        foreach (var (id, body) in await ExceptionsAsync(services, q1, ExceptionState.Submitted, cancellationToken))
        {
            var who = body is not null && chairs.TryGetValue(body, out var chair) ? chair : "administrator";
            var actor = await AsAsync(services, people, who, cancellationToken);
            await RunAsync<ConsiderException, Consideration>(
                services, actor.Audit, new Consideration(id, actor.Access, "accept", "Accepted at the quarter's meeting: the plans in the report are agreed."), $"accepting exception {id}", cancellationToken);
        }

        // The executive board's meeting: two stages set by hand, and a stage 3 report requested.
        time.Set(At(meetings[Domain.Timetable.Milestone.ExecutiveMeeting], 15));
        var board = await AsAsync(services, people, ExecutiveChair, cancellationToken);
        await RunAsync<RaiseLadderTrigger, TriggerRaise>(
            services,
            board.Audit,
            new TriggerRaise(
                board.Access, "NI 15", "HRT", 2,
                "Serious violent crime in Hartmere's town centre rose sharply over the summer; the board wants an agreed action plan now rather than after two quarters off trajectory.",
                "The police's weekly figures for June to August show night-time violence up by a fifth on last year; the Q1 rate is inside its profile only because April was quiet."),
            "raising NI 15 in Hartmere by hand",
            cancellationToken);
        await RunAsync<RaiseLadderTrigger, TriggerRaise>(
            services,
            board.Audit,
            new TriggerRaise(
                board.Access, "NI 151", "WSX", 1,
                "The employment rate is back on trajectory, but the recession's effect is not over: the board keeps it at stage 1 until a second quarter confirms the recovery.",
                "Stage 2 at 2008-09 Q4; Jobcentre Plus's count of new claims still rising in July."),
            "raising NI 151 in Wessexshire by hand",
            cancellationToken);
        await RunAsync<RequestReport, ReportRequestInput>(
            services,
            board.Audit,
            new ReportRequestInput(
                board.Access, "NI 16", "HRT", q1.Code,
                "A detailed report on why serious acquisitive crime in Hartmere has been off trajectory for four quarters, and the options for bringing it back to target by the year end.",
                Email(people[Owner]), "2009-10-09"),
            "requesting the report on NI 16 in Hartmere",
            cancellationToken);

        time.Set(FormsIssued.AddDays(-20));
        var admin = await AsAsync(services, people, "administrator", cancellationToken);
        await using (var scope = services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<CycleActions>().CloseAsync(q1, admin.Audit, cancellationToken);
            if (!outcome.Done)
            {
                throw new InvalidOperationException($"The demonstration could not close {q1.DisplayName}: {outcome.Message}");
            }
        }

        // The cycle's close queues the quarter's ladder record: the worker runs it.
        await RunJobAsync(services, LadderRecordJob.Kind, JsonSerializer.Serialize(new LadderRecordJob.Payload(q1.Code), JsonSerializerOptions.Web), cancellationToken);
    }

    /// <summary>Q2 before its returns come in: the owner escalates Hartmere's NI 16 and answers the board's report request.</summary>
    private static async Task PlaySecondQuarterBusinessBeforeReturnsAsync(ServiceProvider services, StoryTime time, Dictionary<string, Person> people, CancellationToken cancellationToken)
    {
        var owner = await AsAsync(services, people, Owner, cancellationToken);
        time.Set(new DateTimeOffset(2009, 10, 1, 11, 0, 0, TimeSpan.Zero));
        var escalation = await RunAsync<RaiseEscalation, EscalationRaise>(
            services,
            owner.Audit,
            new EscalationRaise(
                owner.Access, "NI 16", "HRT",
                "Burglary and vehicle crime in Hartmere stay above the profile although the police's operation has run since June: the district council's CCTV and the landlords' security scheme need funding the police cannot give."),
            "raising the escalation about NI 16 in Hartmere",
            cancellationToken);
        time.Set(new DateTimeOffset(2009, 10, 2, 9, 30, 0, TimeSpan.Zero));
        await DecideAsync(services, owner, escalation, "The delivery lead cannot fund the CCTV or the security scheme: passed to the partnership.", new DateOnly(2009, 10, 2), cancellationToken);

        var request = await IdOfAsync(services, db => db.ReportRequests.Where(r => r.State == ReportRequestState.Requested).OrderBy(r => r.Id).Select(r => r.Id), cancellationToken);
        time.Set(new DateTimeOffset(2009, 10, 2, 15, 0, 0, TimeSpan.Zero));
        await RunAsync<AnswerReport, ReportAnswerInput>(
            services,
            owner.Audit,
            new ReportAnswerInput(
                owner.Access, request,
                "Three causes: a rise in vehicle crime in two car parks without CCTV; repeat burglaries of rented houses in the town centre; and the transfer of two neighbourhood officers to the county's response teams in April.",
                "Option 1: CCTV in the two car parks (the district council, £40,000). Option 2: the landlords' security scheme extended to the town centre (£25,000). Option 3: the two officers returned to Hartmere from January. The report recommends all three.",
                new UploadedDocument("NI 16 Hartmere report.docx", null, ReportDocument())),
            "answering the report on NI 16 in Hartmere",
            cancellationToken);
    }

    /// <summary>Q2 after its returns, up to the demonstration's day.</summary>
    private static async Task PlaySecondQuarterBusinessAsync(ServiceProvider services, StoryTime time, Dictionary<string, Person> people, CancellationToken cancellationToken)
    {
        var owner = await AsAsync(services, people, Owner, cancellationToken);
        var board = await AsAsync(services, people, ExecutiveChair, cancellationToken);
        var lead = await AsAsync(services, people, "hannah.reid", cancellationToken);

        // Stage 1: the action taken for Longbarrow's NI 16 with the partnership.
        time.Set(new DateTimeOffset(2009, 10, 21, 10, 0, 0, TimeSpan.Zero));
        await RunAsync<RecordStageOneAction, StageOneActionInput>(
            services,
            owner.Audit,
            new StageOneActionInput(
                owner.Access, "NI 16", "LNB", Quarter.Code,
                "Targeted patrols at Longbarrow's retail park on Friday and Saturday evenings",
                "Agreed with the Safer and Stronger Communities Partnership's task group; reviewed each month.",
                "Longbarrow neighbourhood policing team",
                "2009-12-31"),
            "recording the stage 1 action for NI 16 in Longbarrow",
            cancellationToken);

        // The daily review after the quarter's returns are in: Q1's reports whose pair recovered are closed, and the data-quality exceptions raised.
        time.Set(new DateTimeOffset(2009, 10, 22, 6, 0, 0, TimeSpan.Zero));
        await RunJobAsync(services, ExceptionReview.Kind, "{}", cancellationToken);

        // Stage 2: the action plan for NI 39 in Wessexshire, drafted, its actions and milestones, agreed with the partners.
        time.Set(new DateTimeOffset(2009, 10, 23, 11, 0, 0, TimeSpan.Zero));
        var plan = await RunAsync<DraftActionPlan, ActionPlanDraftInput>(
            services, lead.Audit, new ActionPlanDraftInput(lead.Access, "NI 39", "WSX", Quarter.Code, "Halting the rise in alcohol-related admissions"), "drafting the plan for NI 39", cancellationToken);
        var brief = await RunAsync<SaveAction, ActionInput>(
            services,
            lead.Audit,
            new ActionInput(lead.Access, plan, null, "Identification and brief advice in every GP practice", "Training for practice nurses; a payment per screened patient from January.", "Wessexshire Primary Care Trust", "2010-03-31", "high", "not_started", "0"),
            "adding the first action to the plan for NI 39",
            cancellationToken);
        var nurse = await RunAsync<SaveAction, ActionInput>(
            services,
            lead.Audit,
            new ActionInput(lead.Access, plan, null, "An alcohol liaison nurse at Wessexshire General's emergency department", "Funded jointly by the trust and the county council for two years.", "Wessexshire Primary Care Trust with the county council", "2010-01-31", "medium", "not_started", "0"),
            "adding the second action to the plan for NI 39",
            cancellationToken);
        await RunAsync<SaveMilestone, MilestoneInput>(
            services, lead.Audit, new MilestoneInput(lead.Access, brief, null, "Practice nurses trained", "2009-12-18"), "adding a milestone", cancellationToken);
        await RunAsync<SaveMilestone, MilestoneInput>(
            services, lead.Audit, new MilestoneInput(lead.Access, nurse, null, "Liaison nurse in post", "2010-01-11"), "adding a milestone", cancellationToken);

        // The executive board considers the answered report, and asks for another (not yet answered on the demonstration's day).
        time.Set(new DateTimeOffset(2009, 10, 28, 16, 0, 0, TimeSpan.Zero));
        var answered = await IdOfAsync(services, db => db.ReportRequests.Where(r => r.State == ReportRequestState.Answered).OrderBy(r => r.Id).Select(r => r.Id), cancellationToken);
        await RunAsync<ConsiderReport, ReportDecisionInput>(
            services,
            board.Audit,
            new ReportDecisionInput(
                board.Access, answered,
                "Considered by correspondence: options 1 and 2 are funded from the partnership's reward grant; option 3 is referred to the police's divisional commander. The board reviews progress at its February meeting."),
            "considering the report on NI 16 in Hartmere",
            cancellationToken);
        await RunAsync<RequestReport, ReportRequestInput>(
            services,
            board.Audit,
            new ReportRequestInput(
                board.Access, "NI 16", "FNM", Quarter.Code,
                "Fenmouth's serious acquisitive crime has been off trajectory for four quarters as well: the causes there, and whether Hartmere's options apply.",
                Email(people[Owner]), "2009-12-04"),
            "requesting the report on NI 16 in Fenmouth",
            cancellationToken);

        // A data-quality exception written by its owner: Fran Walsh's return late two quarters running.
        time.Set(new DateTimeOffset(2009, 11, 2, 10, 0, 0, TimeSpan.Zero));
        var fran = await AsAsync(services, people, "fran.walsh", cancellationToken);
        var late = await IdOfAsync(
            services,
            db => db.ExceptionReports.Where(e => e.Kind == ExceptionKind.DataQuality && e.Period == Quarter.Code && e.Cause == DataQualityCause.LateTwiceRunning && db.Indicators.Any(i => i.Id == e.IndicatorId && i.Code == "NI 49"))
                .OrderBy(e => e.Id).Select(e => e.Id),
            cancellationToken);
        await RunAsync<WriteDataQualityException, DataQualityWriting>(
            services,
            fran.Audit,
            new DataQualityWriting(late, fran.Access, "The fire service's incident system was replaced in June and its first extracts for the quarter came late.", null, Submit: false),
            "drafting the data-quality exception for NI 49",
            cancellationToken);

        // The partnerships' Q2 meetings: Safer and Stronger Communities notes, challenges and passes the escalation up; Healthier Communities accepts.
        time.Set(new DateTimeOffset(2009, 11, 5, 14, 0, 0, TimeSpan.Zero));
        var secretary = await AsAsync(services, people, "body.member", cancellationToken);
        var safety = await AsAsync(services, people, SafetyChair, cancellationToken);
        var health = await AsAsync(services, people, HealthChair, cancellationToken);
        await ConsiderAsync(services, secretary, "NI 16", "LNB", "note", "Noted: the stage 1 patrols are in place; the partnership looks at the figures again in February.", cancellationToken);
        await ConsiderAsync(services, safety, "NI 16", "FNM", "challenge", "Why has Fenmouth's rate risen since Q1 when Hartmere's operation covers the same gangs? Give the figures by crime type.", cancellationToken);
        await ConsiderAsync(services, safety, "NI 16", "HRT", "challenge", "What does the report's option 3 need from the partnership, and by when?", cancellationToken);
        await ConsiderAsync(services, health, "NI 39", "WSX", "accept", "Accepted with the action plan agreed today.", cancellationToken);
        await RunAsync<AgreeActionPlan, ActionPlanAgreement>(
            services, lead.Audit, new ActionPlanAgreement(lead.Access, plan, "The Healthier Communities and Older People Partnership, at its meeting of 5 November 2009"), "agreeing the plan for NI 39", cancellationToken);
        var escalation = await IdOfAsync(services, db => db.Escalations.OrderBy(e => e.Id).Select(e => e.Id), cancellationToken);
        await DecideAsync(services, safety, escalation, "The partnership has no budget for the CCTV: passed to the executive board with the report's options.", new DateOnly(2009, 11, 5), cancellationToken);

        // The executive board clears NI 151's stage by hand: Q2's figures confirm the recovery.
        time.Set(new DateTimeOffset(2009, 11, 6, 12, 0, 0, TimeSpan.Zero));
        var trigger = await IdOfAsync(services, db => db.LadderTriggers.Where(t => t.ClearedInPeriod == null && db.Indicators.Any(i => i.Id == t.IndicatorId && i.Code == "NI 151")).Select(t => t.Id), cancellationToken);
        await RunAsync<ClearLadderTrigger, TriggerClearance>(
            services, board.Audit, new TriggerClearance(board.Access, trigger, "Green at Q1 and again at Q2: the recovery is confirmed."), "clearing NI 151's stage", cancellationToken);

        // The owner answers the partnership's question on Hartmere.
        time.Set(new DateTimeOffset(2009, 11, 10, 9, 0, 0, TimeSpan.Zero));
        await RunAsync<AnswerChallenge, ChallengeAnswer>(
            services,
            owner.Audit,
            new ChallengeAnswer(
                await ExceptionIdAsync(services, "NI 16", "HRT", cancellationToken), owner.Access,
                "Option 3 needs the partnership's letter to the divisional commander by the end of November; the two officers could start on 4 January."),
            "answering the challenge on NI 16 in Hartmere",
            cancellationToken);

        // The executive board passes the escalation to the strategic board, which meets on 14 December.
        time.Set(new DateTimeOffset(2009, 11, 11, 17, 0, 0, TimeSpan.Zero));
        await DecideAsync(services, board, escalation, "The CCTV needs capital the executive board does not hold: passed to the strategic board for its December meeting.", new DateOnly(2009, 11, 11), cancellationToken);

        // The central team closes a report that needs nothing more, and the plan's first action gets under way.
        time.Set(new DateTimeOffset(2009, 11, 12, 10, 0, 0, TimeSpan.Zero));
        var admin = await AsAsync(services, people, "administrator", cancellationToken);
        await RunAsync<CloseException, ExceptionClosure>(
            services,
            admin.Audit,
            new ExceptionClosure(
                await ExceptionIdAsync(services, "NI 192", "OKV", cancellationToken), admin.Access,
                "The strong green is explained in the return (Oakvale's new kerbside collection); nothing further is needed."),
            "closing the exception for NI 192 in Oakvale",
            cancellationToken);
        await RunAsync<UpdateActionProgress, ActionProgressInput>(
            services, lead.Audit, new ActionProgressInput(lead.Access, brief, "on_track", "40"), "updating the first action's progress", cancellationToken);

        // The demonstration's day: the worker's daily jobs.
        time.Set(new DateTimeOffset(DemoBundle.Today.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        await RunJobAsync(services, ExceptionReview.Kind, "{}", cancellationToken);
        await RunJobAsync(services, LadderRecordJob.Kind, "{}", cancellationToken);
        await RunJobAsync(services, ActionPlanFlagJob.Kind, "{}", cancellationToken);
    }

    /// <summary>A person of the story as the use cases take them: the audit's actor and their grants.</summary>
    private sealed record Acting(AuditActor Audit, Domain.Access.Actor Access);

    private static async Task<Acting> AsAsync(ServiceProvider services, Dictionary<string, Person> people, string who, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var person = people[who];
        return new Acting(Actor(person), new Domain.Access.Actor(person.OrganisationId, await GrantsAsync(db, person, cancellationToken)));
    }

    /// <summary>Runs a use case in its own scope; the demonstration stops, saying why, if it is refused.</summary>
    private static async Task<int> RunAsync<TUseCase, TRequest>(ServiceProvider services, AuditActor actor, TRequest request, string what, CancellationToken cancellationToken)
        where TUseCase : AdminUseCase<TRequest>
        where TRequest : notnull
    {
        await using var scope = services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<TUseCase>().RunAsync(actor, request, cancellationToken);
        if (!change.Succeeded)
        {
            throw new InvalidOperationException($"The demonstration's story failed at {what}: {string.Join("; ", change.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        return change.Id ?? 0;
    }

    /// <summary>Runs one of the worker's jobs now, as the worker would.</summary>
    private static async Task RunJobAsync(ServiceProvider services, string kind, string payload, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(kind);
        await handler.RunAsync(new Job { Kind = kind, Payload = payload }, cancellationToken);
    }

    private static Task<int> DecideAsync(ServiceProvider services, Acting who, int escalation, string decision, DateOnly on, CancellationToken cancellationToken) =>
        RunAsync<DecideEscalation, EscalationDecision>(
            services, who.Audit, new EscalationDecision(who.Access, escalation, Resolve: false, decision, on), $"deciding escalation {escalation}", cancellationToken);

    private static async Task ConsiderAsync(ServiceProvider services, Acting who, string indicator, string area, string decision, string text, CancellationToken cancellationToken)
    {
        var id = await ExceptionIdAsync(services, indicator, area, cancellationToken);
        await RunAsync<ConsiderException, Consideration>(
            services, who.Audit, new Consideration(id, who.Access, decision, text), $"considering the exception for {indicator} in {area}", cancellationToken);
    }

    /// <summary>The current quarter's performance exception report of an indicator in an area.</summary>
    private static Task<int> ExceptionIdAsync(ServiceProvider services, string indicator, string area, CancellationToken cancellationToken) =>
        IdOfAsync(
            services,
            db => db.ExceptionReports.Where(e => e.Kind == ExceptionKind.Performance && e.Period == Quarter.Code
                && db.Indicators.Any(i => i.Id == e.IndicatorId && i.Code == indicator) && db.Areas.Any(a => a.Id == e.AreaId && a.Code == area)).Select(e => e.Id),
            cancellationToken);

    private static async Task<int> IdOfAsync(ServiceProvider services, Func<GoldenThreadDb, IQueryable<int>> query, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        return await query(db).FirstAsync(cancellationToken);
    }

    /// <summary>A quarter's open exception reports in a state, with the code of the body accountable for each, in order.</summary>
    private static async Task<IReadOnlyList<(int Id, string? Body)>> ExceptionsAsync(ServiceProvider services, Period quarter, ExceptionState state, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var rows = await db.ExceptionReports.AsNoTracking()
            .Where(e => e.Kind == ExceptionKind.Performance && e.Period == quarter.Code && e.State == state)
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.BodyId })
            .ToListAsync(cancellationToken);
        var bodies = await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Code, cancellationToken);
        return rows.Select(r => (r.Id, r.BodyId is { } b ? bodies[b] : null)).ToList();
    }

    private static async Task<Dictionary<Domain.Timetable.Milestone, DateOnly>> MeetingsAsync(ServiceProvider services, Period quarter, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        return await db.TimetableMilestones.AsNoTracking().Where(m => m.Period == quarter.Code).ToDictionaryAsync(m => m.Milestone, m => m.Date, cancellationToken);
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    private static string Id(Person person) => person.Id.ToString(CultureInfo.InvariantCulture);

    private static string Email(Person person) => person.Email!;

    /// <summary>The owner's stage 3 report: a short Word document made with the Open XML SDK.</summary>
    private static byte[] ReportDocument()
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = "NI 16 in Hartmere: causes and options";
            document.PackageProperties.Creator = "Owen Price, Wessexshire Police";
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                Paragraph("NI 16 Serious acquisitive crime in Hartmere: causes and options"),
                Paragraph("A report to the Wessexshire Executive Board, October 2009."),
                Paragraph("Causes: vehicle crime in two car parks without CCTV; repeat burglaries of rented houses in the town centre; two neighbourhood officers moved to the response teams in April."),
                Paragraph("Options: CCTV in the two car parks (£40,000); the landlords' security scheme extended to the town centre (£25,000); the two officers returned to Hartmere from January."),
                Paragraph("Recommendation: all three, which together bring the rate back to the profile by the year end.")));
        }

        return output.ToArray();
    }

    private static Paragraph Paragraph(string text) => new(new Run(new Text(text)));
}
