using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Storage;

namespace GoldenThread.History;

/// <summary>
/// Where the change came from, for the record: <c>web</c> (a form on the site), <c>workbook</c> (an uploaded data
/// collection workbook), <c>api</c> (a partner system), <c>import</c> (a bundle loaded at the command line or on the site).
/// </summary>
public static class FigureSources
{
    public const string Web = "web";
    public const string Workbook = "workbook";
    public const string Api = "api";
    public const string Import = "import";
}

/// <summary>The fields a record names, beyond exception fields (<c>exception.reason</c> and so on).</summary>
public static class RecordedFields
{
    public const string Actual = "actual";
    public const string ProjectedOutturn = "projected_outturn";
    public const string Note = "note";
    public const string Target = "target";

    /// <summary>A sign-off: the old value is empty, the new is <c>signed off</c>; a change that clears a sign-off records the reverse.</summary>
    public const string SignedOff = "signed_off";

    /// <summary>The value a <see cref="SignedOff"/> record gives a signed-off row (the other side is null).</summary>
    public const string SignedOffValue = "signed off";

    /// <summary>A field of the exception report, e.g. <c>exception.reason</c>.</summary>
    public static string Exception(string field) => "exception." + field;
}

/// <summary>One change to one field of one figure, as the caller saw it.</summary>
/// <param name="OnBehalfOfId">When the actor entered it for someone else (the central team for a partner): the person whose return it was.</param>
public sealed record FigureChange(
    int IndicatorId,
    int AreaId,
    string Period,
    string Field,
    string? OldValue,
    string? NewValue,
    string Source,
    string? Reason = null,
    int? ReturnId = null,
    int? OnBehalfOfId = null);

/// <summary>
/// Writes the record of every figure (<see cref="FigureRecord"/>). Like <see cref="AuditLog"/>, a record is added to the
/// caller's unit of work, so a change and its record are saved together or not at all. There is no way here to change or
/// remove a record, and the database refuses one too.
/// </summary>
public sealed class FigureLedger(GoldenThreadDb db, TimeProvider clock)
{
    /// <summary>Adds the record of one change, unless nothing changed (the old and new values are the same).</summary>
    public FigureRecord? Record(AuditActor actor, FigureChange change)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        if (string.Equals(change.OldValue, change.NewValue, StringComparison.Ordinal) && change.Field != RecordedFields.SignedOff)
        {
            return null;
        }

        var record = new FigureRecord
        {
            At = clock.GetUtcNow(),
            PersonId = actor.Id,
            Who = Truncate(actor.Name, FigureRecord.NameLength)!,
            OnBehalfOfId = change.OnBehalfOfId,
            IndicatorId = change.IndicatorId,
            AreaId = change.AreaId,
            Period = change.Period,
            Field = change.Field,
            OldValue = Truncate(change.OldValue, FigureRecord.ValueLength),
            NewValue = Truncate(change.NewValue, FigureRecord.ValueLength),
            Reason = Truncate(change.Reason, FigureRecord.ReasonLength),
            Source = change.Source,
            ReturnId = change.ReturnId,
        };
        db.FigureRecords.Add(record);
        return record;
    }

    /// <summary>
    /// Records the changes between a values row as it was (null: there was none) and as it is now: one record for each
    /// of the actual, the projected outturn and the note that differs.
    /// </summary>
    public void RecordValues(
        AuditActor actor,
        int indicatorId,
        int areaId,
        string period,
        (decimal? Actual, decimal? ProjectedOutturn, string? Note)? before,
        (decimal? Actual, decimal? ProjectedOutturn, string? Note) after,
        string source,
        string? reason = null,
        int? returnId = null,
        int? onBehalfOfId = null)
    {
        Add(RecordedFields.Actual, Text(before?.Actual), Text(after.Actual));
        Add(RecordedFields.ProjectedOutturn, Text(before?.ProjectedOutturn), Text(after.ProjectedOutturn));
        Add(RecordedFields.Note, before?.Note, after.Note);

        void Add(string field, string? old, string? now)
        {
            // A new row records every field it was given, even an empty one, so the history starts where the row did.
            if (before is null && now is null)
            {
                return;
            }

            Record(actor, new FigureChange(indicatorId, areaId, period, field, old, now, source, reason, returnId, onBehalfOfId));
        }
    }

    /// <summary>How a number is written in a record: invariant, without trailing zeros (<c>410</c>, <c>12.5</c>); null for N/A.</summary>
    public static string? Text(decimal? value) =>
        value is { } v ? FigureStore.Normalise(v).ToString(CultureInfo.InvariantCulture) : null;

    private static string? Truncate(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..length];
}
