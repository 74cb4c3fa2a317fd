using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Returns;

/// <summary>An exception report's fields as entered with a line (the form, a workbook row, an API item).</summary>
public sealed record ExceptionInput(string? Reason, string? Plans, string? Timescales, string? LeadPartners,
    string? Resources, Domain.Returns.StrongGreenCause? Cause, string? Explanation, string? Assurance);

/// <summary>
/// One line's figures as entered (a form, a workbook row, an API item). Actual and projected outturn null: left
/// empty (N/A). Exception null keeps the exception report drafted before; one given replaces it. The exception report
/// belongs to the line's indicator and area for the return's quarter, whichever of their lines it comes with.
/// </summary>
public sealed record LineInput(int LineId, decimal? Actual, decimal? ProjectedOutturn, string? Note,
    string? MovementNote, ExceptionInput? Exception);

/// <summary>One thing wrong: LineId 0 is the return as a whole (<c>reason</c>, <c>query_answer</c>). Field: the records' names.</summary>
public sealed record LineProblem(int LineId, string Field, string Message);

/// <summary>
/// An unusual movement against the indicator's own history: not a refusal; the return cannot be submitted until
/// the line has a movement_note.
/// </summary>
public sealed record LineWarning(int LineId, string Field, string Message);

/// <summary>
/// Who enters, how: Source is a FigureSources word; Reason is required when the return was signed off before
/// (an amendment); QueryAnswer is required when submitting a queried return.
/// </summary>
public sealed record EntryRequest(Audit.AuditActor Actor, Domain.Access.Actor Access, string Source,
    string? Reason = null, string? QueryAnswer = null);

/// <summary>What became of a save or a submission: nothing is changed unless it is <see cref="Saved"/> or <see cref="Submitted"/>.</summary>
public abstract record EntryOutcome
{
    /// <summary>The drafts are stored; the warnings need a movement note before submission.</summary>
    public sealed record Saved(IReadOnlyList<LineWarning> Warnings) : EntryOutcome;

    /// <summary>The values rows and exception reports are written, provisional until sign-off.</summary>
    public sealed record Submitted(IReadOnlyList<LineWarning> Warnings) : EntryOutcome;

    public sealed record NotFound(string Detail) : EntryOutcome;

    public sealed record Refused(string Detail) : EntryOutcome;

    /// <summary>Not open for entry in its state (submitted, quality-assured, signed off).</summary>
    public sealed record Closed(string Detail) : EntryOutcome;

    public sealed record Invalid(IReadOnlyList<LineProblem> Problems, IReadOnlyList<LineWarning> Warnings) : EntryOutcome;
}

/// <summary>A values row shown beside the form: an earlier period's figures.</summary>
public sealed record PastValue(Period Period, decimal? Actual, decimal? ProjectedOutturn);

/// <summary>
/// What a line's figures will give, shown before saving, computed by the assessor over the indicator's history with
/// the drafts of the return in place: the targets, the last values, the status at the return's quarter with its
/// reason in words, the exception report it needs (and what of it is missing), the unusual-movement warnings, and what
/// stops the line being submitted.
/// </summary>
/// <param name="LineId">The line.</param>
/// <param name="IndicatorCode">The indicator's code.</param>
/// <param name="IndicatorTitle">The indicator's title.</param>
/// <param name="AreaName">The area's name.</param>
/// <param name="Period">The line's values period.</param>
/// <param name="Quarter">The return's quarter, the period assessed.</param>
/// <param name="ActualDue">An actual is asked for on this line.</param>
/// <param name="ProjectedOutturnDue">A projected outturn is asked for on this line.</param>
/// <param name="CurrentTarget">The annual target of the quarter's year, or null.</param>
/// <param name="PeriodTarget">The profiled target for the line's period, or null.</param>
/// <param name="LastValues">The latest earlier values rows of the same kind of period, newest first (at most four).</param>
/// <param name="Status">The status at the quarter the drafts give.</param>
/// <param name="Pvt">Performance versus target, rounded, or null.</param>
/// <param name="Reason">Why the status, in words.</param>
/// <param name="ExceptionRequired">The status that needs an exception report, or null.</param>
/// <param name="ExceptionFields">The fields that report needs (<c>exception.reason</c>...).</param>
/// <param name="Exception">The exception report as drafted (shared by the indicator and area's lines).</param>
/// <param name="Warnings">Unusual movements of this line's figures.</param>
/// <param name="Problems">What stops this line being submitted (missing figures, exception fields, movement note).</param>
public sealed record LinePreview(
    int LineId,
    string IndicatorCode,
    string IndicatorTitle,
    string AreaName,
    Period Period,
    Period Quarter,
    bool ActualDue,
    bool ProjectedOutturnDue,
    decimal? CurrentTarget,
    decimal? PeriodTarget,
    IReadOnlyList<PastValue> LastValues,
    Status Status,
    decimal? Pvt,
    string Reason,
    Status? ExceptionRequired,
    IReadOnlyList<string> ExceptionFields,
    ExceptionInput Exception,
    IReadOnlyList<LineWarning> Warnings,
    IReadOnlyList<LineProblem> Problems)
{
    /// <summary>Whether the line is ready to submit.</summary>
    public bool IsComplete => Problems.Count == 0;
}
