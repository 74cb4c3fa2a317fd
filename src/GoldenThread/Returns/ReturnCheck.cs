using System.Globalization;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Returns;

/// <summary>
/// A return as the checks read it: its lines with their drafts, indicators and areas, and the stored history of each
/// indicator and area (read before any write transaction, through <see cref="FigureStore"/>). Drafts given now are
/// laid over the lines with <see cref="Apply"/> before <see cref="Evaluate"/>.
/// </summary>
public sealed class ReturnSnapshot
{
    private ReturnSnapshot(Return entity, Period quarter, IReadOnlyList<ReturnLine> lines, IReadOnlyDictionary<(int, int), StoredHistory> histories, Tolerances tolerances)
    {
        Return = entity;
        Quarter = quarter;
        Lines = lines;
        Histories = histories;
        Tolerances = tolerances;
    }

    /// <summary>The return, untracked: a copy that drafts may be laid over without changing the database.</summary>
    public Return Return { get; }

    public Period Quarter { get; }

    /// <summary>The lines in the order the return shows them: by indicator code, area name, then period.</summary>
    public IReadOnlyList<ReturnLine> Lines { get; }

    public IReadOnlyDictionary<(int Indicator, int Area), StoredHistory> Histories { get; }

    public Tolerances Tolerances { get; }

    /// <summary>Reads the return, or null when there is none with that id.</summary>
    public static async Task<ReturnSnapshot?> LoadAsync(GoldenThreadDb db, int returnId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = await db.Returns.AsNoTracking()
            .Include(r => r.Assignee)
            .Include(r => r.Organisation)
            .Include(r => r.Lines).ThenInclude(l => l.Indicator)
            .Include(r => r.Lines).ThenInclude(l => l.Area)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == returnId, cancellationToken);
        if (entity is null || !Period.TryParse(entity.Period, out var quarter))
        {
            return null;
        }

        var lines = entity.Lines
            .OrderBy(l => l.Indicator!.Code, IndicatorCodeOrder.Instance)
            .ThenBy(l => l.Area!.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(l => l.PeriodStart)
            .ThenByDescending(l => Period.TryParse(l.Period, out var p) ? (int)p.Kind : 0)
            .ToList();
        var histories = lines.Count == 0
            ? new Dictionary<(int, int), StoredHistory>()
            : await FigureStore.HistoriesAsync(
                db,
                new FigureFilter(Publication.EveryStoredFigure)
                {
                    Indicators = [.. lines.Select(l => l.IndicatorId).Distinct()],
                    Areas = [.. lines.Select(l => l.AreaId).Distinct()],
                    UpTo = quarter,
                },
                cancellationToken);
        var tolerances = await Scorecard.ToleranceSetting.CurrentAsync(db, cancellationToken);
        return new ReturnSnapshot(entity, quarter, lines, histories, tolerances);
    }

    /// <summary>The history of the line's indicator and area as stored.</summary>
    public StoredHistory HistoryOf(ReturnLine line) => Histories.GetValueOrDefault((line.IndicatorId, line.AreaId)) ?? StoredHistory.Empty;

    /// <summary>The lines of the same indicator and area as <paramref name="line"/> (a task), itself included.</summary>
    public IEnumerable<ReturnLine> TaskOf(ReturnLine line) => Lines.Where(l => l.IndicatorId == line.IndicatorId && l.AreaId == line.AreaId);

    /// <summary>The line of a task that carries its exception report: the row the status is judged on, else its first.</summary>
    public ReturnLine ExceptionLineOf(ReturnLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var task = TaskOf(line).ToList();
        var assessed = ReturnDue.AssessedRow(line.Indicator!.Frequency, Quarter).Code;
        return task.FirstOrDefault(l => l.Period == assessed) ?? task[0];
    }

    /// <summary>
    /// Lays the inputs over the lines' drafts (on this untracked copy), and answers the problems the inputs have on
    /// their own: a line that is not in the return. The same is done to the tracked lines when saving.
    /// </summary>
    public IReadOnlyList<LineProblem> Apply(IReadOnlyList<LineInput> inputs, DateTimeOffset now, int? by)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = new List<LineProblem>();
        foreach (var input in inputs)
        {
            var line = Lines.FirstOrDefault(l => l.Id == input.LineId);
            if (line is null)
            {
                problems.Add(new LineProblem(input.LineId, FigureFields.Period, string.Create(
                    CultureInfo.InvariantCulture, $"Line {input.LineId} is not a line of this return: only the periods it lists are due from it.")));
                continue;
            }

            ApplyTo(line, ExceptionLineOf(line), input, now, by);
        }

        return problems;
    }

    /// <summary>Copies one input into a line's draft (and its task's exception line), tidying text as it is stored.</summary>
    public static void ApplyTo(ReturnLine line, ReturnLine exceptionLine, LineInput input, DateTimeOffset now, int? by)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(exceptionLine);
        ArgumentNullException.ThrowIfNull(input);
        line.Actual = input.Actual;
        line.ProjectedOutturn = input.ProjectedOutturn;
        line.Note = Tidy(input.Note);
        line.MovementNote = Tidy(input.MovementNote);
        line.SavedAt = now;
        line.SavedById = by;
        if (input.Exception is { } exception)
        {
            exceptionLine.ExceptionReason = Tidy(exception.Reason);
            exceptionLine.ExceptionPlans = Tidy(exception.Plans);
            exceptionLine.ExceptionTimescales = Tidy(exception.Timescales);
            exceptionLine.ExceptionLeadPartners = Tidy(exception.LeadPartners);
            exceptionLine.ExceptionResources = Tidy(exception.Resources);
            exceptionLine.ExceptionCause = exception.Cause;
            exceptionLine.ExceptionExplanation = Tidy(exception.Explanation);
            exceptionLine.ExceptionAssurance = Tidy(exception.Assurance);
        }
    }

    /// <summary>Text as stored: trimmed, and null when empty.</summary>
    public static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The exception report drafted on a line.</summary>
    public static ExceptionInput ExceptionOf(ReturnLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new ExceptionInput(
            line.ExceptionReason, line.ExceptionPlans, line.ExceptionTimescales, line.ExceptionLeadPartners, line.ExceptionResources,
            line.ExceptionCause, line.ExceptionExplanation, line.ExceptionAssurance);
    }

    /// <summary>
    /// Checks every line's drafts and previews each: the figure rules (<see cref="FigureRules.CheckValues"/>), the
    /// lengths of the texts, the status the drafts give (the assessor over the history with every draft of the task in
    /// place), the exception report it needs, unusual movements; and what stops submission (<see cref="LinePreview.Problems"/>).
    /// </summary>
    public ReturnEvaluation Evaluate(DateOnly today, FigureLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var previews = new List<LinePreview>(Lines.Count);
        var entryProblems = new List<LineProblem>();
        foreach (var line in Lines)
        {
            var (preview, problems) = EvaluateLine(line, today, limits);
            previews.Add(preview);
            entryProblems.AddRange(problems);
        }

        return new ReturnEvaluation(previews, entryProblems);
    }

    private (LinePreview Preview, List<LineProblem> EntryProblems) EvaluateLine(ReturnLine line, DateOnly today, FigureLimits limits)
    {
        var indicator = line.Indicator!;
        var period = Period.Parse(line.Period);
        var rules = indicator.ToRules();
        var stored = HistoryOf(line).History;

        // What is wrong with the figures as entered, whether saving or submitting.
        var entry = new List<LineProblem>();
        var found = new List<FieldProblem>();
        var figures = new FigureIndicator(indicator.Code, indicator.Frequency, FigureStore.Normalise(indicator.MinValue), FigureStore.Normalise(indicator.MaxValue));
        FigureRules.CheckValues(figures, period, line.Actual, line.ProjectedOutturn, today, limits, found);
        entry.AddRange(found.Select(p => new LineProblem(line.Id, p.Field, Capitalise(p.Message) + ".")));
        CheckLength(entry, line.Id, FigureFields.Note, "The commentary", line.Note, ReturnLine.NoteLength);
        CheckLength(entry, line.Id, "movement_note", "The note on the movement", line.MovementNote, ReturnLine.NoteLength);

        // The status at the quarter with every draft of the task in place.
        var values = new Dictionary<Period, Observation>(stored.Values);
        foreach (var taskLine in TaskOf(line))
        {
            values[Period.Parse(taskLine.Period)] = new Observation(taskLine.Actual, taskLine.ProjectedOutturn);
        }

        var assessor = new Assessor(rules, Tolerances, new IndicatorHistory(values, stored.Targets));
        var assessment = assessor.Assess(Quarter);
        var supplier = assessor.ValueAt(Quarter)?.Supplier;
        var reason = Explanation.For(rules, Tolerances, assessment, supplier == Quarter ? null : supplier);
        var exceptionLine = ExceptionLineOf(line);
        var exception = ExceptionOf(exceptionLine);
        var required = assessment.ExceptionRequired;
        var exceptionFields = required is { } s ? ExceptionRules.FieldsFor(s, exception.Cause) : [];

        // Exception fields too long are wrong whenever they are given; missing ones stop submission only.
        var submit = new List<LineProblem>();
        var exceptionFieldsGiven = Fields(exception);
        if (exceptionLine.Id == line.Id)
        {
            entry.AddRange(ExceptionRules.TooLong(exceptionFieldsGiven).Select(p => new LineProblem(line.Id, p.Field, p.Message)));
            if (required is { } needed)
            {
                submit.AddRange(ExceptionRules.Missing(needed, exceptionFieldsGiven).Select(p => new LineProblem(line.Id, p.Field, p.Message)));
            }
        }
        else if (required is not null && !ExceptionRules.IsComplete(required.Value, exceptionFieldsGiven))
        {
            // Said once, on the line that carries the report; this line points to it.
            submit.Add(new LineProblem(line.Id, "exception", $"The exception report for {indicator.Code} in {line.Area!.Name} is incomplete: complete it with the figures for {Period.Parse(exceptionLine.Period).DisplayName}."));
        }

        // Due figures: each given, or its absence explained in the commentary.
        if (line.ActualDue && line.Actual is null && line.Note is null)
        {
            submit.Add(new LineProblem(line.Id, FigureFields.Actual, $"Give the actual for {period.DisplayName}, or say in the commentary why it cannot be given."));
        }

        if (line.ProjectedOutturnDue && line.ProjectedOutturn is null && line.Note is null)
        {
            submit.Add(new LineProblem(line.Id, FigureFields.ProjectedOutturn, $"Give the projected outturn (the forecast for the year), or say in the commentary why it cannot be given."));
        }

        var warnings = Movements(line, period, indicator.Accumulation, stored);
        if (warnings.Count > 0 && line.MovementNote is null)
        {
            submit.Add(new LineProblem(line.Id, "movement_note", "Confirm the unusual figure with a note saying why it moved so far."));
        }

        var lastValues = stored.Values
            .Where(v => v.Key.Kind == period.Kind && v.Key < period)
            .OrderByDescending(v => v.Key)
            .Take(4)
            .Select(v => new PastValue(v.Key, v.Value.Actual, v.Value.ProjectedOutturn))
            .ToList();
        var preview = new LinePreview(
            line.Id,
            indicator.Code,
            indicator.Title,
            line.Area!.Name,
            period,
            Quarter,
            line.ActualDue,
            line.ProjectedOutturnDue,
            assessment.CurrentTarget,
            stored.Targets.TryGetValue(period, out var periodTarget) ? periodTarget : null,
            lastValues,
            assessment.Status,
            assessment.Pvt,
            reason,
            required,
            exceptionFields,
            exception,
            warnings,
            // In the form's order: the figures, the movement note, then the exception report.
            [.. entry, .. submit.OrderBy(p => p.Field.StartsWith("exception", StringComparison.Ordinal) ? 1 : 0)]);
        return (preview, entry);
    }

    /// <summary>
    /// The unusual-movement warnings of a line: each figure against the same figure of earlier periods of the same
    /// kind (the last twelve). A cumulative indicator's actual is a year-to-date total that grows through the year, so
    /// it is compared with the same period of earlier years instead.
    /// </summary>
    private static List<LineWarning> Movements(ReturnLine line, Period period, Accumulation accumulation, IndicatorHistory stored)
    {
        var warnings = new List<LineWarning>();
        var earlier = stored.Values.Where(v => v.Key.Kind == period.Kind && v.Key < period).OrderByDescending(v => v.Key).ToList();
        if (line.Actual is { } actual)
        {
            var sameIndex = accumulation == Accumulation.Cumulative && period.Kind != PeriodKind.Year;
            var past = earlier.Where(v => !sameIndex || v.Key.Index == period.Index).Select(v => v.Value.Actual).OfType<decimal>().Take(12).ToList();
            var words = sameIndex ? $"{FigureRules.Plural(period.Kind)} at this point of the year" : FigureRules.Plural(period.Kind);
            if (UnusualMovement.Describe(UnusualMovement.Check(actual, past), actual, "actual", words) is { } message)
            {
                warnings.Add(new LineWarning(line.Id, FigureFields.Actual, message));
            }
        }

        if (line.ProjectedOutturn is { } projected)
        {
            var past = earlier.Select(v => v.Value.ProjectedOutturn).OfType<decimal>().Take(12).ToList();
            if (UnusualMovement.Describe(UnusualMovement.Check(projected, past), projected, "projected outturn", FigureRules.Plural(period.Kind)) is { } message)
            {
                warnings.Add(new LineWarning(line.Id, FigureFields.ProjectedOutturn, message));
            }
        }

        return warnings;
    }

    private static ExceptionFields Fields(ExceptionInput e) =>
        new(e.Reason, e.Plans, e.Timescales, e.LeadPartners, e.Resources, e.Cause, e.Explanation, e.Assurance);

    private static void CheckLength(List<LineProblem> problems, int lineId, string field, string name, string? text, int length)
    {
        if (text is not null && text.Length > length)
        {
            problems.Add(new LineProblem(lineId, field, string.Create(CultureInfo.InvariantCulture, $"{name} is {text.Length} characters long; it may have at most {length}.")));
        }
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>What the checks found in a return: a preview per line, and the problems that stop even a save.</summary>
/// <param name="Lines">Each line's preview, with what stops it being submitted.</param>
/// <param name="EntryProblems">Problems with the figures as entered (rules, lengths): nothing can be saved while there are any.</param>
public sealed record ReturnEvaluation(IReadOnlyList<LinePreview> Lines, IReadOnlyList<LineProblem> EntryProblems)
{
    /// <summary>Every problem that stops submission.</summary>
    public IEnumerable<LineProblem> SubmitProblems => Lines.SelectMany(l => l.Problems);

    public IReadOnlyList<LineWarning> Warnings => [.. Lines.SelectMany(l => l.Warnings)];
}
