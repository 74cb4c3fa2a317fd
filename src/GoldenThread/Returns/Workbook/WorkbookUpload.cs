using System.Globalization;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;

namespace GoldenThread.Returns.Workbook;

/// <summary>What became of an uploaded workbook: nothing is changed unless it is <see cref="Saved"/> or <see cref="Submitted"/>.</summary>
public abstract record UploadOutcome
{
    private UploadOutcome()
    {
    }

    /// <summary>The figures are saved as drafts; the warnings (by cell) need a movement note before submission.</summary>
    public sealed record Saved(int Lines, IReadOnlyList<WorkbookProblem> Warnings) : UploadOutcome;

    /// <summary>The return is submitted.</summary>
    public sealed record Submitted(int Lines, IReadOnlyList<WorkbookProblem> Warnings) : UploadOutcome;

    public sealed record NotFound(string Detail) : UploadOutcome;

    public sealed record Refused(string Detail) : UploadOutcome;

    public sealed record Closed(string Detail) : UploadOutcome;

    /// <summary>
    /// Refused whole: every problem found, each naming its cell (<see cref="Problems"/>), and those of the return as a
    /// whole that the page's own fields answer (<see cref="FormProblems"/>: <c>reason</c>, <c>query_answer</c>).
    /// </summary>
    public sealed record Invalid(IReadOnlyList<WorkbookProblem> Problems, IReadOnlyList<LineProblem> FormProblems, IReadOnlyList<WorkbookProblem> Warnings) : UploadOutcome;
}

/// <summary>
/// Takes a filled-in workbook for a return (issue 10, item 5): reads it (<see cref="ReturnWorkbookReader"/>), refuses
/// one made for another return, and enters its rows through <see cref="ReturnEntry"/> exactly as the web form's are
/// entered, all or nothing, with the source <c>workbook</c>. Every problem comes back at once, each named by its cell:
/// when some cells cannot be read, the rest are still checked by the same rules (<see cref="ReturnSnapshot.Evaluate"/>)
/// without saving anything, so one upload shows everything to put right.
/// </summary>
public sealed class WorkbookUpload(GoldenThreadDb db, ReturnEntry entry, ReportingClock clock, FigureLimits limits, TimeProvider time)
{
    public async Task<UploadOutcome> UploadAsync(int returnId, Stream file, EntryRequest request, bool submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await ReturnWorkbookQuery.LoadAsync(db, returnId, string.Empty, time.GetUtcNow(), clock.Today, limits, cancellationToken);
        if (loaded is not { } found)
        {
            return new UploadOutcome.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no return {returnId}."));
        }

        var (workbook, snapshot) = found;
        if (!AccessRules.MayEnterReturn(request.Actor.Id ?? 0, request.Access, ReturnEntry.AccessOf(snapshot.Return)))
        {
            return new UploadOutcome.Refused(
                "You may not enter this return: a return is entered by its assignee, by those who may submit its figures, and by the central team.");
        }

        if (!ReturnStates.IsOpenForEntry(snapshot.Return.State))
        {
            return new UploadOutcome.Closed(
                $"The return for {snapshot.Quarter.DisplayName} is {ReturnStates.Name(snapshot.Return.State).ToLowerInvariant()}, so its figures cannot be changed; " +
                "ask the central team to send it back (a query) or to reopen it.");
        }

        var lines = workbook.Lines.ToDictionary(l => l.LineId);
        WorkbookContents contents;
        using (var buffer = new MemoryStream())
        {
            // The package reader needs a seekable stream; the upload is small (the site's request limit).
            await file.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            contents = ReturnWorkbookReader.Read(buffer, lines, limits);
        }

        if (contents.ReturnId is null)
        {
            return new UploadOutcome.Invalid(contents.Problems, [], []);
        }

        if (contents.ReturnId != returnId || !string.Equals(contents.Period, workbook.Period, StringComparison.Ordinal))
        {
            return new UploadOutcome.Invalid(
                [new WorkbookProblem(
                    ReturnWorkbookReader.FileWhere,
                    string.Empty,
                    string.Create(CultureInfo.InvariantCulture, $"this workbook belongs to return {contents.ReturnId} ({contents.Period}), not to this return ({returnId}, {workbook.Period}, {workbook.Assignee}); nothing was saved. Upload it on the page of the return it was made for, or download this return's workbook here."))],
                [],
                []);
        }

        var inputs = contents.Rows.Select(r => ToInput(r, lines[r.LineId])).ToList();
        var rowOf = contents.Rows.ToDictionary(r => r.LineId, r => r.Row);
        if (contents.Problems.Count > 0)
        {
            // Nothing is saved; the cells that could be read are checked as a save would check them, so that every
            // problem is listed now rather than after the first ones are put right.
            snapshot.Apply(inputs, time.GetUtcNow(), request.Actor.Id);
            var evaluation = snapshot.Evaluate(clock.Today, limits);
            var more = submit ? evaluation.SubmitProblems : evaluation.EntryProblems;
            var already = contents.Problems.Select(p => p.Where).ToHashSet(StringComparer.Ordinal);
            var mapped = more.Where(p => p.LineId != 0).Select(p => Map(p.LineId, p.Field, p.Message, rowOf, lines)).Where(p => !already.Contains(p.Where));
            return new UploadOutcome.Invalid([.. contents.Problems, .. mapped], [], []);
        }

        var outcome = await entry.SaveAsync(returnId, inputs, request, submit, cancellationToken);
        List<WorkbookProblem> Warnings(IReadOnlyList<LineWarning> warnings) =>
            [.. warnings.Select(w => Map(w.LineId, w.Field, w.Message, rowOf, lines))];
        return outcome switch
        {
            EntryOutcome.Saved saved => new UploadOutcome.Saved(inputs.Count, Warnings(saved.Warnings)),
            EntryOutcome.Submitted submitted => new UploadOutcome.Submitted(inputs.Count, Warnings(submitted.Warnings)),
            EntryOutcome.NotFound notFound => new UploadOutcome.NotFound(notFound.Detail),
            EntryOutcome.Refused refused => new UploadOutcome.Refused(refused.Detail),
            EntryOutcome.Closed closed => new UploadOutcome.Closed(closed.Detail),
            EntryOutcome.Invalid invalid => new UploadOutcome.Invalid(
                [.. invalid.Problems.Where(p => p.LineId != 0).Select(p => Map(p.LineId, p.Field, p.Message, rowOf, lines))],
                [.. invalid.Problems.Where(p => p.LineId == 0)],
                Warnings(invalid.Warnings)),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    /// <summary>A row as the entry takes it: a row that does not carry its indicator's exception report leaves that report as drafted.</summary>
    private static LineInput ToInput(WorkbookRow row, WorkbookLine line)
    {
        var e = row.Entry;
        var exception = line.CarriesException
            ? new ExceptionInput(e.Reason, e.Plans, e.Timescales, e.LeadPartners, e.Resources, e.Cause, e.Explanation, e.Assurance)
            : null;
        return new LineInput(row.LineId, e.Actual, e.ProjectedOutturn, e.Note, e.MovementNote, exception);
    }

    /// <summary>A line's problem as a cell's: the row of the line and the column of the field (<c>Return!K7</c>).</summary>
    private static WorkbookProblem Map(int lineId, string field, string message, Dictionary<int, int> rowOf, Dictionary<int, WorkbookLine> lines)
    {
        var column = ReturnWorkbookLayout.ColumnOf(field)
            ?? (field.StartsWith("exception", StringComparison.Ordinal) ? ReturnWorkbookLayout.ColumnOf("exception.reason") : null)
            ?? ReturnWorkbookLayout.ColumnOf("period")!;
        if (rowOf.TryGetValue(lineId, out var row))
        {
            return new WorkbookProblem(ReturnWorkbookLayout.Cell(column, row), field, message);
        }

        // A line of the return whose row is not in the workbook (deleted after unprotecting the sheet).
        var what = lines.TryGetValue(lineId, out var line) ? $"{line.Indicator} in {line.Area} for {line.Period}" : string.Create(CultureInfo.InvariantCulture, $"line {lineId}");
        return new WorkbookProblem(ReturnWorkbookLayout.ReturnSheet, field, $"{what} has no row in this workbook: {message}");
    }
}
