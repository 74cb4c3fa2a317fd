using GoldenThread.Accounts;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Returns;
using GoldenThread.History;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace GoldenThread.Returns.Review;

/// <summary>Who takes a review step: as the audit trail records them (with their person id), and as the access rules see them.</summary>
public sealed record ReviewRequest(AuditActor Actor, Actor Access, string Source = FigureSources.Web);

/// <summary>
/// What the central team does with a return after it reaches them (issue 10, items 3 and 7): accept it, query it, sign
/// it off, reopen it, chase it. Each step reads top to bottom as the administration's use cases do: find the return,
/// check who asks and the state (<see cref="ReviewRules"/>, <see cref="AccessRules"/>), change it, write its review step
/// and audit entry (and for a sign-off, the record of every figure made final), save: all in one unit of work, and a
/// refusal leaves nothing behind.
/// </summary>
public sealed class ReturnReview(GoldenThreadDb db, AuditLog audit, FigureLedger ledger, TimeProvider clock, Timetable.ReportingClock calendar, MailSender mail)
{
    /// <summary>The new value a sign-off records in field <c>signed_off</c>.</summary>
    public const string SignedOffWord = "signed off";

    /// <summary>Quality assurance passed: Submitted to QualityAssured.</summary>
    public Task<AdminChange> AcceptAsync(int returnId, ReviewRequest request, CancellationToken cancellationToken) =>
        RunAsync(returnId, ReviewAction.Accept, request, (r, step) =>
        {
            r.QualityAssuredAt = step.At;
            r.QualityAssuredById = request.Actor.Id;
            step.Answer = r.QueryCount > 0 ? r.QueryAnswer : null;
            return $"Accepted the return {Name(r)}: it is quality-assured and waits for sign-off.";
        }, cancellationToken);

    /// <summary>Sent back with a query the partner sees on their return and answers when they submit again.</summary>
    public Task<AdminChange> QueryAsync(int returnId, string? text, ReviewRequest request, CancellationToken cancellationToken)
    {
        var query = text?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            return Task.FromResult(AdminChange.Refused("query", "Enter the query for the partner to answer"));
        }

        if (query.Length > Return.QueryLength)
        {
            return Task.FromResult(AdminChange.Refused("query", $"The query must be {Return.QueryLength} characters or fewer"));
        }

        return RunAsync(returnId, ReviewAction.Query, request, (r, step) =>
        {
            step.Text = query;
            step.Answer = r.QueryCount > 0 ? r.QueryAnswer : null;
            r.Query = query;
            r.QueryAnswer = null;
            r.QueryCount++;
            return $"Queried the return {Name(r)}: it is back with {r.Assignee?.FullName ?? "its assignee"} to answer.";
        }, cancellationToken);
    }

    /// <summary>
    /// The appropriate officer (<see cref="AccessRules.MaySignOff"/>) makes the figures final: every line's values row is
    /// marked signed off, and each gets a record of field <c>signed_off</c>.
    /// </summary>
    public Task<AdminChange> SignOffAsync(int returnId, ReviewRequest request, CancellationToken cancellationToken) =>
        RunAsync(returnId, ReviewAction.SignOff, request, async (r, step) =>
        {
            var keys = r.Lines.Select(l => (l.IndicatorId, l.AreaId, l.Period)).Distinct().ToList();
            var indicatorIds = keys.Select(k => k.IndicatorId).Distinct().ToList();
            var periods = keys.Select(k => k.Period).Distinct().ToList();
            var rows = (await db.Values.AsTracking()
                    .Where(v => indicatorIds.Contains(v.IndicatorId) && periods.Contains(v.Period))
                    .ToListAsync(cancellationToken))
                .Where(v => keys.Contains((v.IndicatorId, v.AreaId, v.Period)))
                .ToList();
            foreach (var row in rows)
            {
                var before = row.IsFinal ? SignedOffWord : null;
                row.SignedOffAt = step.At;
                row.SignedOffById = request.Actor.Id;
                ledger.Record(request.Actor, new FigureChange(row.IndicatorId, row.AreaId, row.Period, RecordedFields.SignedOff, before, SignedOffWord, request.Source, ReturnId: r.Id));
            }

            r.SignedOffAt = step.At;
            r.SignedOffById = request.Actor.Id;
            return $"Signed off the return {Name(r)}: its {rows.Count} {(rows.Count == 1 ? "figure is" : "figures are")} final.";
        }, cancellationToken);

    /// <summary>
    /// Opened again after sign-off, for the partner to amend with a reason and submit again (then a new quality
    /// assurance and sign-off). The values stay signed off until a figure actually changes: whoever writes the row
    /// clears it then (CYCLE.md, the writers' rule).
    /// </summary>
    public Task<AdminChange> ReopenAsync(int returnId, string? reason, ReviewRequest request, CancellationToken cancellationToken)
    {
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            return Task.FromResult(AdminChange.Refused("reason", "Enter why the return is reopened"));
        }

        if (why.Length > ReturnReviewStep.TextLength)
        {
            return Task.FromResult(AdminChange.Refused("reason", $"The reason must be {ReturnReviewStep.TextLength} characters or fewer"));
        }

        return RunAsync(returnId, ReviewAction.Reopen, request, (r, step) =>
        {
            step.Text = why;
            r.AmendedAfterSignOff = true;
            return $"Reopened the return {Name(r)}: {r.Assignee?.FullName ?? "its assignee"} can amend it, with a reason, and submit it again.";
        }, cancellationToken);
    }

    /// <summary>Reminds the assignee of a return still with them, by email, and notes when it was chased.</summary>
    public async Task<AdminChange> ChaseAsync(int returnId, ReviewRequest request, CancellationToken cancellationToken)
    {
        MimeMessage? message = null;
        var outcome = await RunAsync(returnId, ReviewAction.Chase, request, async (r, step) =>
        {
            if (r.Assignee?.Email is not { } email)
            {
                return null;
            }

            r.ChasedAt = step.At;
            var summary = (await ReturnsOverview.ReadAsync(db, r.Period, calendar.Today, cancellationToken, r.Id)).Single();
            message = ReviewMail.Chase(r.Assignee.FullName, email, summary, mail.SiteAddress);
            var sent = mail.IsConfigured ? $"an email was sent to {email}" : "no email was sent, as mail is not configured";
            return $"Chased the return {Name(r)}: {sent}.";
        }, cancellationToken);
        if (outcome.Succeeded && message is not null)
        {
            mail.Send(message, $"{message.To} would have been chased for their return ({message.Subject}).");
        }

        return outcome;
    }

    private Task<AdminChange> RunAsync(int returnId, ReviewAction action, ReviewRequest request, Func<Return, ReturnReviewStep, string?> change, CancellationToken cancellationToken) =>
        RunAsync(returnId, action, request, (r, step) => Task.FromResult(change(r, step)), cancellationToken);

    private Task<AdminChange> RunAsync(int returnId, ReviewAction action, ReviewRequest request, Func<Return, ReturnReviewStep, Task<string?>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return UnitOfWork.RunAsync(db, () => HandleAsync(returnId, action, request, change, cancellationToken), cancellationToken);
    }

    private async Task<AdminChange> HandleAsync(int returnId, ReviewAction action, ReviewRequest request, Func<Return, ReturnReviewStep, Task<string?>> change, CancellationToken cancellationToken)
    {
        var r = await db.Returns.AsTracking()
            .Include(x => x.Assignee)
            .Include(x => x.Organisation)
            .Include(x => x.Lines)
            .SingleOrDefaultAsync(x => x.Id == returnId, cancellationToken);
        if (r is null)
        {
            return AdminChange.Refused("return", "That return does not exist");
        }

        var reviewed = new ReviewedReturn(r.OrganisationId, r.AssigneeId, r.SubmittedById);
        if (!AccessRules.MayQualityAssure(request.Access, reviewed))
        {
            return AdminChange.Refused("return", $"Only an administrator, or a performance officer of {r.Organisation?.Name ?? "the return's organisation"}, can {ReviewRules.Name(action).ToLowerInvariant()} this return");
        }

        if (action == ReviewAction.SignOff && (request.Actor.Id is not { } personId || !AccessRules.MaySignOff(request.Access, personId, reviewed)))
        {
            var whose = request.Actor.Id == r.AssigneeId ? "This return is yours" : "You submitted this return";
            return AdminChange.Refused("return", $"{whose}, so someone else must sign it off: every final figure is checked by a second person");
        }

        if (!ReviewRules.Allows(action, r.State))
        {
            return AdminChange.Refused("return", ReviewRules.WhyNot(action, r.State));
        }

        if (action == ReviewAction.Chase && r.Assignee?.Email is null)
        {
            return AdminChange.Refused("return", "This return has no assignee with an email address to chase; give its indicators an owner first");
        }

        var now = clock.GetUtcNow();
        var step = new ReturnReviewStep { ReturnId = r.Id, At = now, Action = action, PersonId = request.Actor.Id, Who = Truncate(request.Actor.Name, ReturnReviewStep.NameLength) };
        var before = r.State;
        var done = await change(r, step);
        if (done is null)
        {
            return AdminChange.Refused("return", "This return cannot be changed that way");
        }

        r.State = ReviewRules.After(action, before);
        r.UpdatedAt = now;
        db.ReturnReviewSteps.Add(step);
        var detail = before == r.State
            ? $"{ReviewRules.Name(action)}: return {Name(r)} ({ReturnStates.Name(r.State).ToLowerInvariant()})."
            : $"{ReviewRules.Name(action)}: return {Name(r)} from {ReturnStates.Name(before).ToLowerInvariant()} to {ReturnStates.Name(r.State).ToLowerInvariant()}.";
        audit.Add(request.Actor, AuditActionFor(action), step.Text is null ? detail : $"{detail} {step.Text}", r.AssigneeId, r.Assignee?.Email);
        if (action == ReviewAction.SignOff)
        {
            // Final figures may show a recovery: the exceptions' review closes what recovered (issue 11).
            Exceptions.ExceptionReview.Queue(db, now, $"sign-off:{r.Id}:{now.UtcTicks}");

            // And may move the quarter's stages of the ladder: recorded (and those concerned told) now, not at the next daily run.
            if (Domain.Periods.Period.TryParse(r.Period, out var quarter) && quarter.Kind == Domain.Periods.PeriodKind.Quarter)
            {
                Intervention.LadderRecordJob.Queue(db, now, quarter, $"sign-off:{r.Id}:{now.UtcTicks}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success(done, r.Id);
    }

    private static string AuditActionFor(ReviewAction action) => action switch
    {
        ReviewAction.Accept => AuditActions.ReturnAccepted,
        ReviewAction.Query => AuditActions.ReturnQueried,
        ReviewAction.SignOff => AuditActions.ReturnSignedOff,
        ReviewAction.Reopen => AuditActions.ReturnReopened,
        _ => AuditActions.ReturnChased,
    };

    /// <summary>How a return is named in messages: "2009-10-Q3 from Jo Bloggs (Wessex Police)".</summary>
    public static string Name(Return r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var who = r.Assignee?.FullName ?? "no assignee";
        return r.Organisation is { } o ? $"{r.Period} from {who} ({o.Name})" : $"{r.Period} from {who}";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>The review's services, for the web site (chasing sends mail through the site's <see cref="MailSender"/>).</summary>
public static class ReviewSetup
{
    public static IServiceCollection AddGoldenThreadReview(this IServiceCollection services)
    {
        services.AddScoped<ReturnReview>();
        return services;
    }
}
