using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Notices;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Exceptions;

/// <summary>
/// The one way an exception report moves (issue 11, item 2): checks the move with <see cref="ExceptionStates.After"/>, sets
/// the state, writes the <see cref="ExceptionStep"/> and the audit entry, and raises the notices the new state calls for
/// (to write: the pair's delivery leads and target sponsors; to consider: the body's secretary; challenged: the leads).
/// Everything is added to the caller's unit of work; nothing is saved here.
/// </summary>
public sealed class ExceptionLife(GoldenThreadDb db, AuditLog audit, NoticeBoard notices, TimeProvider time)
{
    /// <summary>Who the rules' own steps are by, in the history.</summary>
    public const string SystemName = "the system";

    /// <summary>
    /// Adds a newly raised report (state required) with its <c>raise</c> step, audit entry and notices to write it. The
    /// report is saved at once, in the caller's transaction, so that the step and the notices can name it.
    /// </summary>
    public async Task RaiseAsync(ExceptionReport report, AuditActor actor, string why, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        report.State = ExceptionState.Required;
        report.RaisedAt = now;
        report.UpdatedAt = now;
        db.ExceptionReports.Add(report);

        // Saved now (in the caller's transaction) so that its step and its notices can name it.
        await db.SaveChangesAsync(cancellationToken);
        var step = new ExceptionStep { At = now, Action = ExceptionAction.Raise, From = ExceptionState.Required, To = ExceptionState.Required, Who = SystemName, Text = Cut(why) };
        AddStep(report, step);
        var subject = await SubjectAsync(report, cancellationToken);
        audit.Add(actor, AuditActions.ExceptionRaised, $"Raised the exception report for {subject}: {why}", report.Id, subject);
        await TellLeadsAsync(report, subject, "write", "Exception report needed", $"An exception report is needed for {subject}: {why} Write it on the exception's page.", cancellationToken);
    }

    /// <summary>
    /// Moves the report by <paramref name="action"/>; false (and nothing changed) when <see cref="ExceptionStates.After"/>
    /// does not allow it from its state. <paramref name="personId"/> null is the system.
    /// </summary>
    public async Task<bool> MoveAsync(
        ExceptionReport report, ExceptionAction action, AuditActor actor, int? personId, string who, string? text, CancellationToken cancellationToken, int? bodyId = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        if (ExceptionStates.After(report.State, action) is not { } next)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var from = report.State;
        report.State = next;
        report.UpdatedAt = now;
        if (personId is not null)
        {
            report.UpdatedById = personId;
        }

        AddStep(report, new ExceptionStep { At = now, Action = action, From = from, To = next, PersonId = personId, Who = Cut(who, ExceptionStep.NameLength)!, BodyId = bodyId, Text = Cut(text) });
        var subject = await SubjectAsync(report, cancellationToken);
        var words = text is null ? string.Empty : $" {text}";
        audit.Add(actor, AuditActionOf(action), $"{ActionName(action)}: the exception report for {subject}, from {ExceptionStates.Name(from).ToLowerInvariant()} to {ExceptionStates.Name(next).ToLowerInvariant()}.{words}", report.Id, subject);

        var key = Key(report);
        switch (action)
        {
            case ExceptionAction.Submit or ExceptionAction.Answer:
                await notices.DoneAsync($"{key}:write:", cancellationToken);
                await notices.DoneAsync($"{key}:challenge:", cancellationToken);
                await TellSecretaryAsync(report, subject, cancellationToken);
                break;
            case ExceptionAction.Note or ExceptionAction.Accept:
                await notices.DoneAsync($"{key}:consider:", cancellationToken);
                break;
            case ExceptionAction.Challenge:
                await notices.DoneAsync($"{key}:consider:", cancellationToken);
                var round = await RoundAsync(report, cancellationToken);
                await TellLeadsAsync(report, subject, string.Create(CultureInfo.InvariantCulture, $"challenge:{round}"), "Exception report challenged", $"The accountable body challenged the exception report for {subject}: {text} Answer it on the exception's page.", cancellationToken);
                break;
            case ExceptionAction.Close:
                await notices.DoneAsync($"{key}:", cancellationToken);
                break;
        }

        return true;
    }

    /// <summary>Closes the report with the reason in words (on recovery, by the central team, when no longer needed).</summary>
    public async Task<bool> CloseAsync(ExceptionReport report, AuditActor actor, int? personId, string who, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!await MoveAsync(report, ExceptionAction.Close, actor, personId, who, reason, cancellationToken))
        {
            return false;
        }

        report.ClosedAt = time.GetUtcNow();
        report.ClosedReason = Cut(reason);
        return true;
    }

    /// <summary>"NI 195 in Cannock Chase, 2009-10 Q2" (with "data quality" for a data-quality exception).</summary>
    public async Task<string> SubjectAsync(ExceptionReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Id == report.IndicatorId).Select(i => i.Code).SingleOrDefaultAsync(cancellationToken) ?? "an indicator";
        var area = await db.Areas.AsNoTracking().Where(a => a.Id == report.AreaId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? "an area";
        return Subject(indicator, area, report.Period, report.Kind);
    }

    public static string Subject(string indicator, string area, string period, ExceptionKind kind)
    {
        var when = Period.TryParse(period, out var p) ? p.DisplayName : period;
        var what = kind == ExceptionKind.DataQuality ? " (data quality)" : string.Empty;
        return $"{indicator} in {area}, {when}{what}";
    }

    /// <summary>What raised it, in words: "Red at 2009-10 Q2", or the data-quality cause.</summary>
    public static string Raised(ExceptionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Kind == ExceptionKind.DataQuality && report.Cause is { } cause
            ? DataQualityRules.Name(cause)
            : report.Status.Name();
    }

    /// <summary>The site's page of an exception.</summary>
    public static string Link(int id) => string.Create(CultureInfo.InvariantCulture, $"/exceptions/{id}");

    public static string ActionName(ExceptionAction action) => action switch
    {
        ExceptionAction.Raise => "Raised",
        ExceptionAction.Draft => "Drafted",
        ExceptionAction.Submit => "Submitted",
        ExceptionAction.Note => "Noted",
        ExceptionAction.Challenge => "Challenged",
        ExceptionAction.Answer => "Answered",
        ExceptionAction.Accept => "Accepted",
        ExceptionAction.Close => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static string AuditActionOf(ExceptionAction action) => action switch
    {
        ExceptionAction.Raise => AuditActions.ExceptionRaised,
        ExceptionAction.Draft or ExceptionAction.Submit or ExceptionAction.Answer => AuditActions.ExceptionWritten,
        ExceptionAction.Note or ExceptionAction.Challenge or ExceptionAction.Accept => AuditActions.ExceptionConsidered,
        _ => AuditActions.ExceptionClosed,
    };

    private static string Key(ExceptionReport report) => string.Create(CultureInfo.InvariantCulture, $"exception:{report.Id}");

    /// <summary>How many times the delivery lead has answered the body: each challenge, and the consideration after each answer, is told once.</summary>
    private async Task<int> RoundAsync(ExceptionReport report, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<ExceptionStep>().Count(e => e.State == EntityState.Added && e.Entity.ExceptionReportId == report.Id && e.Entity.Action == ExceptionAction.Answer)
        + await db.Set<ExceptionStep>().AsNoTracking().CountAsync(s => s.ExceptionReportId == report.Id && s.Action == ExceptionAction.Answer, cancellationToken);

    private void AddStep(ExceptionReport report, ExceptionStep step)
    {
        step.ExceptionReportId = report.Id;
        db.Set<ExceptionStep>().Add(step);
    }

    private async Task TellLeadsAsync(ExceptionReport report, string subject, string occasion, string heading, string text, CancellationToken cancellationToken)
    {
        var people = await ConcernedPeople.ForPairAsync(db, report.IndicatorId, report.AreaId, cancellationToken);
        var key = Key(report);
        await notices.RaiseAsync(
            people.Leads.Select(id => new NoticeRequest(id, NoticeKind.ExceptionToWrite, $"{heading}: {subject}", text, Link(report.Id), string.Create(CultureInfo.InvariantCulture, $"{key}:{occasion}:{id}"))),
            cancellationToken);
    }

    private async Task TellSecretaryAsync(ExceptionReport report, string subject, CancellationToken cancellationToken)
    {
        var secretary = report.BodyId is { } body
            ? await db.Bodies.AsNoTracking().Where(b => b.Id == body).Select(b => b.SecretaryId).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (secretary is not { } id)
        {
            return;
        }

        var round = await RoundAsync(report, cancellationToken);
        var key = string.Create(CultureInfo.InvariantCulture, $"{Key(report)}:consider:{round}:{id}");
        await notices.RaiseAsync([new NoticeRequest(id, NoticeKind.ExceptionToConsider, $"Exception report to consider: {subject}", $"The exception report for {subject} waits for the body's consideration: note it, challenge it with a question, or accept it.", Link(report.Id), key)], cancellationToken);
    }

    private static string? Cut(string? text, int length = ExceptionReport.TextLength) =>
        text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
