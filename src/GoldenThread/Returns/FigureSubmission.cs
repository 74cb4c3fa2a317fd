using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.History;
using GoldenThread.Import;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;
using Figures = GoldenThread.Domain.Access.Figures;

namespace GoldenThread.Returns;

/// <summary>The figures given for one values row: the same fields, with the same meanings, as a row of values.csv.</summary>
/// <param name="Actual">The actual, or null for N/A.</param>
/// <param name="ProjectedOutturn">The forecast of the year-end figure, or null for N/A.</param>
/// <param name="Note">The note given with the figures, or null.</param>
public sealed record FigureInput(decimal? Actual, decimal? ProjectedOutturn, string? Note);

/// <summary>A values row as stored after a submission, with its codes.</summary>
public sealed record StoredFigure(string Indicator, string Area, string Period, decimal? Actual, decimal? ProjectedOutturn, string? Note);

/// <summary>One thing wrong with a submission: the field (<c>period</c>, <c>actual</c>, <c>projected_outturn</c>, <c>note</c>) and what.</summary>
public sealed record FigureProblem(string Field, string Message);

/// <summary>What became of a submission.</summary>
public abstract record SubmissionOutcome
{
    private SubmissionOutcome()
    {
    }

    /// <summary>Stored, with its audit entry.</summary>
    public sealed record Submitted(StoredFigure Figure) : SubmissionOutcome;

    /// <summary>The indicator or the area does not exist; nothing was checked further.</summary>
    public sealed record NotFound(string Detail) : SubmissionOutcome;

    /// <summary>The person may not submit these figures; nothing was changed.</summary>
    public sealed record Refused(string Detail) : SubmissionOutcome;

    /// <summary>The figures break the import's rules for a values row; nothing was changed.</summary>
    public sealed record Invalid(IReadOnlyList<FigureProblem> Problems) : SubmissionOutcome;

    /// <summary>The row was withdrawn, with its audit entry; <see cref="Figure"/> is what it held.</summary>
    public sealed record Withdrawn(StoredFigure Figure) : SubmissionOutcome;
}

/// <summary>
/// Submits (creates or corrects) one indicator's values row for one area and period: the API's write path, and any
/// later form's. In order: the codes must exist; the person must be allowed (the caller's check, which the web
/// site makes with <see cref="Access.SubmitFiguresRequirement"/>); the figures must pass the very rules the import
/// applies to a row of values.csv (<see cref="FigureRules"/>: the period fits the indicator's frequency and has started
/// by the reporting clock's today, numbers lie in its range and the configured magnitude, the note fits).
/// The row, its audit entry and its records in the record of every figure (<see cref="FigureLedger"/>, source
/// <c>api</c>) are saved together; a change to a signed-off row's figures clears the sign-off, recorded too. Indicator values carry no foreign keys (docs/decisions/0006),
/// so this path resolves every code itself before writing.
/// </summary>
public sealed class FigureSubmission(GoldenThreadDb db, AuditLog audit, ReportingClock clock, FigureLimits limits, FigureLedger ledger)
{
    public async Task<SubmissionOutcome> SubmitAsync(
        string indicatorCode,
        string areaCode,
        string periodCode,
        FigureInput input,
        Func<Figures, Task<bool>> maySubmit,
        AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(maySubmit);
        ArgumentNullException.ThrowIfNull(actor);

        var (target, notFound) = await FindAsync(indicatorCode, areaCode, maySubmit, cancellationToken);
        if (target is null)
        {
            return notFound!;
        }

        var (indicator, area) = target.Value;
        // Normalised so that messages read "0 to 100" on SQLite, which gives back 0.0 and 100.0, as on PostgreSQL.
        var figures = new FigureIndicator(indicator.Code, indicator.Frequency, Normalise(indicator.MinValue), Normalise(indicator.MaxValue));
        var (row, problems) = Check(figures, area.Code, periodCode, input);
        if (row is null)
        {
            return new SubmissionOutcome.Invalid(problems);
        }

        var period = row.Period.Code;
        for (var attempt = 1; ; attempt++)
        {
            // The old value is read under the write lock, so that each audit entry's old value is the previous one's new.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var stored = await FindForUpdateAsync(area.Id, indicator.Id, period, cancellationToken);
            var before = stored is null ? null : new FigureInput(stored.Actual, stored.ProjectedOutturn, stored.Note);
            if (stored is null)
            {
                stored = new IndicatorValue { AreaId = area.Id, IndicatorId = indicator.Id, Period = period, PeriodStart = row.Period.StartOrdinal };
                db.Values.Add(stored);
            }

            stored.Actual = row.Actual;
            stored.ProjectedOutturn = row.ProjectedOutturn;
            stored.Note = row.Note;
            var after = (row.Actual, row.ProjectedOutturn, row.Note);
            ledger.RecordValues(actor, indicator.Id, area.Id, period, before is null ? null : (before.Actual, before.ProjectedOutturn, before.Note), after, FigureSources.Api);
            if (before is not null && stored.IsFinal && (before.Actual != row.Actual || before.ProjectedOutturn != row.ProjectedOutturn || before.Note != row.Note))
            {
                // A figure changed after sign-off is provisional again until it is signed off anew.
                stored.SignedOffAt = null;
                stored.SignedOffById = null;
                ledger.Record(actor, new FigureChange(indicator.Id, area.Id, period, RecordedFields.SignedOff, RecordedFields.SignedOffValue, null, FigureSources.Api));
            }

            var subject = $"{indicator.Code} in {area.Name}, {period}";
            audit.Add(actor, AuditActions.FigureSubmitted, $"{subject}: {Changes(before, row)}", null, subject);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (before is null && attempt == 1)
            {
                // Someone else made the row between our read and our insert (no row was there to lock): read it again
                // once their transaction has ended, and correct it instead.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                continue;
            }

            return new SubmissionOutcome.Submitted(new StoredFigure(
                indicator.Code, area.Code, period, Normalise(row.Actual), Normalise(row.ProjectedOutturn), row.Note));
        }
    }

    /// <summary>
    /// Withdraws a values row entered by mistake, leaving no row (as if it had never been submitted), with a reason,
    /// recorded in the audit trail with the figures it held. The same people may withdraw a row as may submit it.
    /// </summary>
    public async Task<SubmissionOutcome> WithdrawAsync(
        string indicatorCode,
        string areaCode,
        string periodCode,
        string? reason,
        Func<Figures, Task<bool>> maySubmit,
        AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(maySubmit);
        ArgumentNullException.ThrowIfNull(actor);

        var (target, notFound) = await FindAsync(indicatorCode, areaCode, maySubmit, cancellationToken);
        if (target is null)
        {
            return notFound!;
        }

        var (indicator, area) = target.Value;
        var problems = new List<FigureProblem>();
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            problems.Add(new("reason", "Give the reason the figures are withdrawn, such as 'entered against the wrong area'."));
        }
        else if (reason.Length > WithdrawalReasonLength)
        {
            problems.Add(new("reason", $"The reason is {reason.Length} characters long; it may have at most {WithdrawalReasonLength}."));
        }
        else if (Domain.Names.NameProblem(reason) is { } characters)
        {
            problems.Add(new("reason", "The reason " + characters + "."));
        }

        if (!Cells.TryParsePeriod(periodCode.Trim(), out var parsed))
        {
            problems.Add(new(FigureFields.Period, Cells.NotAPeriod(periodCode.Trim())));
        }

        if (problems.Count > 0)
        {
            return new SubmissionOutcome.Invalid(problems);
        }

        var period = parsed.Code;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await FindForUpdateAsync(area.Id, indicator.Id, period, cancellationToken);
        if (stored is null)
        {
            return new SubmissionOutcome.NotFound($"There are no figures for {indicator.Code} in {area.Name} for {period} to withdraw.");
        }

        var withdrawn = new StoredFigure(indicator.Code, area.Code, period, Normalise(stored.Actual), Normalise(stored.ProjectedOutturn), stored.Note);
        db.Values.Remove(stored);
        // The record keeps what the row held: each field going to nothing, and its sign-off going, with the reason.
        ledger.RecordValues(actor, indicator.Id, area.Id, period, (stored.Actual, stored.ProjectedOutturn, stored.Note), (null, null, null), FigureSources.Api, reason);
        if (stored.IsFinal)
        {
            ledger.Record(actor, new FigureChange(indicator.Id, area.Id, period, RecordedFields.SignedOff, RecordedFields.SignedOffValue, null, FigureSources.Api, reason));
        }

        var subject = $"{indicator.Code} in {area.Name}, {period}";
        var note = stored.Note is null ? "no note" : $"note '{stored.Note}'";
        audit.Add(
            actor,
            AuditActions.FigureWithdrawn,
            $"{subject}: withdrawn (it held actual {Show(stored.Actual)}; projected outturn {Show(stored.ProjectedOutturn)}; {note}). Reason: {reason}",
            null,
            subject);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SubmissionOutcome.Withdrawn(withdrawn);
    }

    /// <summary>The longest reason for a withdrawal: a sentence or two, which the audit entry carries in full.</summary>
    public const int WithdrawalReasonLength = 500;

    /// <summary>The indicator and area of a row, once both exist and the person may submit their figures; or why not.</summary>
    private async Task<((IndicatorTarget Indicator, AreaTarget Area)? Target, SubmissionOutcome? NotFound)> FindAsync(
        string indicatorCode, string areaCode, Func<Figures, Task<bool>> maySubmit, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.AsNoTracking()
            .Where(i => i.Code == indicatorCode)
            .Select(i => new IndicatorTarget(i.Id, i.Code, i.Frequency, i.MinValue, i.MaxValue, i.LeadOrganisationId))
            .SingleOrDefaultAsync(cancellationToken);
        if (indicator is null)
        {
            return (null, new SubmissionOutcome.NotFound(await NoIndicatorAsync(indicatorCode, cancellationToken)));
        }

        var area = await db.Areas.AsNoTracking()
            .Where(a => a.Code == areaCode)
            .Select(a => new AreaTarget(a.Id, a.Code, a.Name))
            .SingleOrDefaultAsync(cancellationToken);
        if (area is null)
        {
            return (null, new SubmissionOutcome.NotFound($"There is no area with the code '{areaCode}'."));
        }

        if (!await maySubmit(new Figures(indicator.Id, indicator.LeadOrganisationId, area.Id)))
        {
            return (null, new SubmissionOutcome.Refused(
                $"You may not submit {indicator.Code}'s figures for {area.Name}. Figures belong to the indicator's lead organisation; " +
                "its performance officers, the indicator's owner and deputy, and the delivery lead for that area may submit or withdraw them."));
        }

        return ((indicator, area), null);
    }

    /// <summary>
    /// Reads a values row inside the caller's transaction so that no other writer can change it before the transaction
    /// ends: PostgreSQL locks the row (FOR UPDATE); SQLite's transaction began as a writer (BEGIN IMMEDIATE, which
    /// Microsoft.Data.Sqlite issues for a transaction of the default isolation), so it holds the database's write lock.
    /// </summary>
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

    private sealed record IndicatorTarget(int Id, string Code, Domain.Indicators.Frequency Frequency, decimal? MinValue, decimal? MaxValue, int? LeadOrganisationId);

    private sealed record AreaTarget(int Id, string Code, string Name);

    /// <summary>The row as the import would store it, or the problems with it (one field each), by the rules the import keeps.</summary>
    private (ValueRow? Row, IReadOnlyList<FigureProblem> Problems) Check(FigureIndicator figures, string areaCode, string periodCode, FigureInput input)
    {
        var found = new List<FieldProblem>();
        var note = input.Note?.Trim();
        if (string.IsNullOrEmpty(note))
        {
            note = null;
        }
        else if (note.Length > IndicatorValue.NoteLength)
        {
            found.Add(new(FigureFields.Note, string.Create(
                CultureInfo.InvariantCulture, $"{Cells.Show(note)} is {note.Length} characters long; note may have at most {IndicatorValue.NoteLength}")));
        }

        if (!Cells.TryParsePeriod(periodCode.Trim(), out var period))
        {
            found.Add(new(FigureFields.Period, Cells.NotAPeriod(periodCode.Trim())));
        }
        else
        {
            FigureRules.CheckValues(figures, period, input.Actual, input.ProjectedOutturn, clock.Today, limits, found);
        }

        return found.Count == 0
            ? (new ValueRow(figures.Code, areaCode, period, input.Actual, input.ProjectedOutturn, note), [])
            : (null, found.Select(p => new FigureProblem(p.Field, p.Message)).ToList());
    }

    /// <summary>What the submission changed, in words: <c>actual 410 → 395; projected outturn N/A → 1500</c>.</summary>
    internal static string Changes(FigureInput? before, ValueRow after)
    {
        var changes = new List<string>();
        Compare("actual", before?.Actual, after.Actual);
        Compare("projected outturn", before?.ProjectedOutturn, after.ProjectedOutturn);
        if (!string.Equals(before?.Note, after.Note, StringComparison.Ordinal))
        {
            changes.Add(after.Note is null ? "note removed" : before?.Note is null ? "note added" : "note changed");
        }

        var words = changes.Count == 0 ? "no change" : string.Join("; ", changes);
        return before is null ? "new row, " + words : words;

        void Compare(string name, decimal? old, decimal? now)
        {
            if (Normalise(old) != Normalise(now) || (before is null && now is not null))
            {
                changes.Add($"{name} {Show(old)} → {Show(now)}");
            }
        }
    }

    private static string Show(decimal? value) => Normalise(value)?.ToString(CultureInfo.InvariantCulture) ?? "N/A";

    /// <summary>12.50 and 12.5 are the same figure; SQLite and PostgreSQL give back different scales.</summary>
    private static decimal? Normalise(decimal? value) => value / 1.0000000000000000000000000000m;

    private async Task<string> NoIndicatorAsync(string code, CancellationToken cancellationToken)
    {
        var codes = await db.Indicators.Select(i => i.Code).ToListAsync(cancellationToken);
        var near = codes.Find(c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase));
        return near is null
            ? $"There is no indicator with the code '{code}'. GET /api/v1/indicators lists them all."
            : $"There is no indicator with the code '{code}'. Codes are case-sensitive: did you mean '{near}'?";
    }
}
