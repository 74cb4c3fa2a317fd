using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Exceptions;
using GoldenThread.History;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;
using Figures = GoldenThread.Domain.Access.Figures;

namespace GoldenThread.Returns;

/// <summary>
/// Entering a return, however it arrives (the web form, the workbook, the API): saving drafts and submitting, each all
/// or nothing. Every caller goes through here, so the checks (<see cref="ReturnSnapshot.Evaluate"/>) are the same
/// everywhere. In order: the return exists; the person may enter it (<see cref="AccessRules.MayEnterReturn"/>, and
/// line by line <see cref="AccessRules.MaySubmit"/> unless they are its assignee or the central team); it is open for
/// entry; the figures pass the checks; then, in one transaction, the drafts (and on submission the values rows, the
/// exception reports and the record of every changed figure) are written with an audit entry.
/// </summary>
/// <remarks>
/// The stored histories the checks read are read before the write transaction (SQLite's raw reads cannot join a
/// transaction they were not given), and the return is then locked (FOR UPDATE on PostgreSQL; the write lock on SQLite)
/// and read again: if someone saved it in between, the whole entry is checked again on what they saved.
/// </remarks>
public sealed class ReturnEntry(GoldenThreadDb db, AuditLog audit, FigureLedger ledger, ReportingClock clock, FigureLimits limits, TimeProvider time, ReturnExceptions exceptions)
{
    private const int Attempts = 3;

    /// <summary>
    /// Saves the given lines' drafts, all or nothing; with submit: true also submits, all or nothing (the
    /// workbook's upload and the API use that). Lines not given keep their drafts.
    /// </summary>
    public Task<EntryOutcome> SaveAsync(int returnId, IReadOnlyList<LineInput> lines, EntryRequest request, bool submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(request);
        return EnterAsync(returnId, lines, request, submit, cancellationToken);
    }

    /// <summary>
    /// Submits the drafts as they are: every line due complete, every exception it needs complete, every warned
    /// movement confirmed; writes the values rows (and the exception reports) with records; state -> Submitted.
    /// </summary>
    public Task<EntryOutcome> SubmitAsync(int returnId, EntryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterAsync(returnId, [], request, submit: true, cancellationToken);
    }

    /// <summary>Whether the return was signed off before (and reopened): a change to it is an amendment that needs a reason.</summary>
    public static bool IsAmendment(Return entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.SignedOffAt is not null || entity.AmendedAfterSignOff;
    }

    /// <summary>What the access rules need of a return.</summary>
    public static ReturnAccess AccessOf(Return entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new ReturnAccess(
            entity.AssigneeId,
            entity.OrganisationId,
            [.. entity.Lines.Select(l => new Figures(l.IndicatorId, l.Indicator?.LeadOrganisationId, l.AreaId)).Distinct()]);
    }

    private async Task<EntryOutcome> EnterAsync(int returnId, IReadOnlyList<LineInput> inputs, EntryRequest request, bool submit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var snapshot = await ReturnSnapshot.LoadAsync(db, returnId, cancellationToken);
            if (snapshot is null)
            {
                return new EntryOutcome.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no return {returnId}."));
            }

            var entity = snapshot.Return;
            var personId = request.Actor.Id ?? 0;
            var access = AccessOf(entity);
            if (!AccessRules.MayEnterReturn(personId, request.Access, access))
            {
                return new EntryOutcome.Refused(
                    $"You may not enter the return for {snapshot.Quarter.DisplayName} of {WhoseReturn(entity)}: a return is entered by its assignee, " +
                    "by those who may submit its figures, and by the central team.");
            }

            if (!ReturnStates.IsOpenForEntry(entity.State))
            {
                return new EntryOutcome.Closed(
                    $"The return for {snapshot.Quarter.DisplayName} is {ReturnStates.Name(entity.State).ToLowerInvariant()}, so its figures cannot be changed; " +
                    "ask the central team to send it back (a query) or to reopen it.");
            }

            if (!MayEnterLines(personId, request.Access, snapshot, inputs, submit, out var refusal))
            {
                return new EntryOutcome.Refused(refusal);
            }

            var now = time.GetUtcNow();
            var problems = new List<LineProblem>(snapshot.Apply(inputs, now, request.Actor.Id));
            var evaluation = snapshot.Evaluate(clock.Today, limits);
            problems.AddRange(ReturnProblems(entity, request, submit));
            problems.AddRange(submit ? evaluation.SubmitProblems : evaluation.EntryProblems);
            if (problems.Count > 0)
            {
                return new EntryOutcome.Invalid(problems, evaluation.Warnings);
            }

            // On SQLite, this process's writers of returns wait their turn in order, in memory (Storage/SqliteWriters.cs).
            using var turn = await SqliteWriters.TakeTurnAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var tracked = await LockAsync(returnId, cancellationToken);
            if (tracked is null || tracked.State != entity.State || tracked.UpdatedAt != entity.UpdatedAt)
            {
                // Someone changed the return since it was checked: check again on what they saved.
                await transaction.RollbackAsync(cancellationToken);
                if (tracked is not null && attempt < Attempts)
                {
                    continue;
                }

                return tracked is null
                    ? new EntryOutcome.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no return {returnId}."))
                    : new EntryOutcome.Refused("Someone else is saving this return at the same moment; try again.");
            }

            foreach (var input in inputs)
            {
                var line = tracked.Lines.Single(l => l.Id == input.LineId);
                var exceptionLineId = snapshot.ExceptionLineOf(snapshot.Lines.Single(l => l.Id == input.LineId)).Id;
                ReturnSnapshot.ApplyTo(line, tracked.Lines.Single(l => l.Id == exceptionLineId), input, now, request.Actor.Id);
            }

            tracked.UpdatedAt = now;
            var onBehalfOf = tracked.AssigneeId is { } assignee && assignee != request.Actor.Id ? tracked.AssigneeId : null;
            var behalf = onBehalfOf is null ? string.Empty : $" on behalf of {WhoseReturn(entity)}";
            if (!submit)
            {
                if (tracked.State == ReturnState.NotStarted)
                {
                    tracked.State = ReturnState.InProgress;
                }

                await exceptions.RecordAsync(tracked, snapshot, evaluation, request, [.. inputs.Select(i => i.LineId)], submitted: false, cancellationToken);

                audit.Add(
                    request.Actor,
                    AuditActions.ReturnSaved,
                    string.Create(CultureInfo.InvariantCulture, $"Saved {Count(inputs.Count, "line")} of the return for {snapshot.Quarter.DisplayName}{behalf} ({request.Source})."),
                    tracked.Id,
                    Subject(snapshot));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new EntryOutcome.Saved(evaluation.Warnings);
            }

            await exceptions.RecordAsync(tracked, snapshot, evaluation, request, [], submitted: true, cancellationToken);
            var written = await WriteAsync(tracked, snapshot, evaluation, request, onBehalfOf, cancellationToken);
            var wasQueried = tracked.State == ReturnState.Queried;
            tracked.State = ReturnState.Submitted;
            tracked.SubmittedAt = now;
            tracked.SubmittedById = request.Actor.Id;
            if (wasQueried)
            {
                tracked.QueryAnswer = ReturnSnapshot.Tidy(request.QueryAnswer);
            }

            var amendment = IsAmendment(tracked);
            if (amendment)
            {
                tracked.AmendedAfterSignOff = true;
            }

            var reason = amendment ? $" Reason: {ReturnSnapshot.Tidy(request.Reason)}" : string.Empty;
            var answer = wasQueried ? $" Answer to the query: {ReturnSnapshot.Tidy(request.QueryAnswer)}" : string.Empty;
            audit.Add(
                request.Actor,
                AuditActions.ReturnSubmitted,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Submitted the return for {snapshot.Quarter.DisplayName}{behalf} ({request.Source}): {Count(tracked.Lines.Count, "line")}, {Count(written.Rows, "values row")} changed, {Count(written.Exceptions, "exception report")} written.{reason}{answer}"),
                tracked.Id,
                Subject(snapshot));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another writer made one of the values rows between our look and our insert: start again, to correct it.
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            return new EntryOutcome.Submitted(evaluation.Warnings);
        }
    }

    /// <summary>The problems of the return as a whole (line 0): the amendment's reason and the query's answer.</summary>
    private static List<LineProblem> ReturnProblems(Return entity, EntryRequest request, bool submit)
    {
        var problems = new List<LineProblem>();
        var reason = ReturnSnapshot.Tidy(request.Reason);
        if (reason is { Length: > FigureRecord.ReasonLength })
        {
            problems.Add(new LineProblem(0, "reason", string.Create(CultureInfo.InvariantCulture, $"The reason is {reason.Length} characters long; it may have at most {FigureRecord.ReasonLength}.")));
        }
        else if (submit && reason is null && IsAmendment(entity))
        {
            problems.Add(new LineProblem(0, "reason", "Give the reason for changing figures that were signed off: the record of every figure keeps it."));
        }

        var answer = ReturnSnapshot.Tidy(request.QueryAnswer);
        if (answer is { Length: > Return.QueryLength })
        {
            problems.Add(new LineProblem(0, "query_answer", string.Create(CultureInfo.InvariantCulture, $"The answer is {answer.Length} characters long; it may have at most {Return.QueryLength}.")));
        }
        else if (submit && answer is null && entity.State == ReturnState.Queried)
        {
            problems.Add(new LineProblem(0, "query_answer", "Answer the central team's query before submitting again."));
        }

        return problems;
    }

    /// <summary>
    /// Someone who is neither the assignee nor the central team enters only the lines whose figures they may submit,
    /// and submits only a return whose every line they may submit.
    /// </summary>
    private static bool MayEnterLines(int personId, Actor actor, ReturnSnapshot snapshot, IReadOnlyList<LineInput> inputs, bool submit, out string refusal)
    {
        refusal = string.Empty;
        var entity = snapshot.Return;
        if (entity.AssigneeId == personId || AccessRules.IsCentralTeamFor(actor, AccessOf(entity)))
        {
            return true;
        }

        var ids = inputs.Select(i => i.LineId).ToHashSet();
        foreach (var line in snapshot.Lines.Where(l => submit || ids.Contains(l.Id)))
        {
            if (!AccessRules.MaySubmit(actor, new Figures(line.IndicatorId, line.Indicator!.LeadOrganisationId, line.AreaId)))
            {
                refusal = $"You may not submit {line.Indicator.Code}'s figures for {line.Area!.Name}, which this return asks for; " +
                    "its assignee or the central team can.";
                return false;
            }
        }

        return true;
    }

    /// <summary>Locks the return for the rest of the transaction and reads it, with its lines, to change.</summary>
    private async Task<Return?> LockAsync(int returnId, CancellationToken cancellationToken)
    {
        if (db is PostgresGoldenThreadDb)
        {
            await db.Database.ExecuteSqlAsync($"SELECT id FROM returns WHERE id = {returnId} FOR UPDATE", cancellationToken);
        }

        return await db.Returns.Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == returnId, cancellationToken);
    }

    /// <summary>Writes each line's drafts into its values row and each needed exception report, with the record of every change.</summary>
    private async Task<(int Rows, int Exceptions)> WriteAsync(
        Return tracked, ReturnSnapshot snapshot, ReturnEvaluation evaluation, EntryRequest request, int? onBehalfOf, CancellationToken cancellationToken)
    {
        var reason = IsAmendment(tracked) ? ReturnSnapshot.Tidy(request.Reason) : null;
        var rows = 0;
        foreach (var line in tracked.Lines.OrderBy(l => l.Id))
        {
            var stored = await FindForUpdateAsync(line.AreaId, line.IndicatorId, line.Period, cancellationToken);
            (decimal? Actual, decimal? ProjectedOutturn, string? Note)? before = stored is null
                ? null
                : (FigureStore.Normalise(stored.Actual), FigureStore.Normalise(stored.ProjectedOutturn), stored.Note);
            var after = (FigureStore.Normalise(line.Actual), FigureStore.Normalise(line.ProjectedOutturn), line.Note);
            if (before == after)
            {
                continue;
            }

            if (stored is null)
            {
                stored = new IndicatorValue { AreaId = line.AreaId, IndicatorId = line.IndicatorId, Period = line.Period, PeriodStart = Period.Parse(line.Period).StartOrdinal };
                db.Values.Add(stored);
            }

            stored.Actual = line.Actual;
            stored.ProjectedOutturn = line.ProjectedOutturn;
            stored.Note = line.Note;
            ledger.RecordValues(request.Actor, line.IndicatorId, line.AreaId, line.Period, before, after, request.Source, reason, tracked.Id, onBehalfOf);
            if (stored.SignedOffAt is not null)
            {
                stored.SignedOffAt = null;
                stored.SignedOffById = null;
                ledger.Record(request.Actor, new FigureChange(
                    line.IndicatorId, line.AreaId, line.Period, RecordedFields.SignedOff, "signed off", null, request.Source, reason, tracked.Id, onBehalfOf));
            }

            rows++;
        }

        var exceptions = 0;
        var quarter = snapshot.Quarter.Code;
        foreach (var preview in evaluation.Lines.Where(p => p.ExceptionRequired is not null))
        {
            var snapshotLine = snapshot.Lines.Single(l => l.Id == preview.LineId);
            if (snapshot.ExceptionLineOf(snapshotLine).Id != preview.LineId)
            {
                continue;
            }

            var line = tracked.Lines.Single(l => l.Id == preview.LineId);
            var report = await db.ExceptionReports.SingleOrDefaultAsync(
                e => e.IndicatorId == line.IndicatorId && e.AreaId == line.AreaId && e.Period == quarter && e.Kind == Domain.Intervention.ExceptionKind.Performance, cancellationToken);
            if (report is null)
            {
                report = new ExceptionReport { IndicatorId = line.IndicatorId, AreaId = line.AreaId, Period = quarter };
                db.ExceptionReports.Add(report);
            }

            void Field(string field, string? old, string? now)
            {
                ledger.Record(request.Actor, new FigureChange(line.IndicatorId, line.AreaId, quarter, field, old, now, request.Source, reason, tracked.Id, onBehalfOf));
            }

            Field(ExceptionRules.Reason, report.Reason, line.ExceptionReason);
            Field(ExceptionRules.Plans, report.Plans, line.ExceptionPlans);
            Field(ExceptionRules.Timescales, report.Timescales, line.ExceptionTimescales);
            Field(ExceptionRules.LeadPartners, report.LeadPartners, line.ExceptionLeadPartners);
            Field(ExceptionRules.Resources, report.Resources, line.ExceptionResources);
            Field(ExceptionRules.Cause, report.StrongGreenCause is { } was ? Domain.Codes.Of(was) : null, line.ExceptionCause is { } cause ? Domain.Codes.Of(cause) : null);
            Field(ExceptionRules.Explanation, report.Explanation, line.ExceptionExplanation);
            Field(ExceptionRules.Assurance, report.Assurance, line.ExceptionAssurance);
            report.Status = preview.ExceptionRequired!.Value;
            report.Reason = line.ExceptionReason;
            report.Plans = line.ExceptionPlans;
            report.Timescales = line.ExceptionTimescales;
            report.LeadPartners = line.ExceptionLeadPartners;
            report.Resources = line.ExceptionResources;
            report.StrongGreenCause = line.ExceptionCause;
            report.Explanation = line.ExceptionExplanation;
            report.Assurance = line.ExceptionAssurance;
            report.UpdatedAt = time.GetUtcNow();
            report.UpdatedById = request.Actor.Id;
            exceptions++;
        }

        return (rows, exceptions);
    }

    /// <summary>Reads a values row under the transaction's lock, as <see cref="FigureSubmission"/> does.</summary>
    private async Task<IndicatorValue?> FindForUpdateAsync(int areaId, int indicatorId, string period, CancellationToken cancellationToken)
    {
        if (db is PostgresGoldenThreadDb)
        {
            var rows = await db.Values
                .FromSql($"SELECT * FROM indicator_values WHERE area_id = {areaId} AND indicator_id = {indicatorId} AND period = {period} FOR UPDATE")
                .ToListAsync(cancellationToken);
            return rows.SingleOrDefault();
        }

        return await db.Values.SingleOrDefaultAsync(v => v.AreaId == areaId && v.IndicatorId == indicatorId && v.Period == period, cancellationToken);
    }

    private static string WhoseReturn(Return entity) =>
        entity.Assignee is { } person ? person.FullName : entity.Organisation is { } organisation ? $"{organisation.Name} (no one assigned)" : "no one";

    private static string Subject(ReturnSnapshot snapshot) =>
        string.Create(CultureInfo.InvariantCulture, $"Return {snapshot.Return.Id} for {snapshot.Quarter.DisplayName}, {WhoseReturn(snapshot.Return)}");

    private static string Count(int count, string thing) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {thing}{(count == 1 ? string.Empty : "s")}");
}
