using GoldenThread.Audit;
using GoldenThread.Domain;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Timetable;

/// <summary>What generating a year did to its milestones.</summary>
public sealed record GenerationResult(int Added, int Changed, int Unchanged, int KeptEdited, int Removed)
{
    public string Describe(Period year) =>
        $"Generated the timetable for {year.FinancialYear.DisplayName} from the pattern: {Added} added, {Changed} changed, {Unchanged} unchanged, {KeptEdited} kept as edited by hand, {Removed} removed.";
}

/// <summary>A milestone's dates as entered on the page for one quarter.</summary>
public sealed record MilestoneEdit(Milestone Milestone, DateOnly? Starts, DateOnly Date);

/// <summary>
/// Changes the timetable, each change with its audit entry in the same unit of work: generating a year from the pattern,
/// editing a quarter's dates, saving the pattern, adding a holiday. A date that changes raises the row's
/// <see cref="TimetableMilestone.Sequence"/>, so subscribed calendars update the event rather than add another.
/// </summary>
public sealed class TimetableEditor(GoldenThreadDb db, AuditLog audit)
{
    /// <summary>
    /// Generates the four quarters of a financial year from the stored pattern and the working days: adds what is
    /// missing, moves what the pattern now puts elsewhere, keeps every row edited by hand, and removes the milestones
    /// the pattern no longer has for a quarter (unless edited by hand).
    /// </summary>
    public async Task<GenerationResult> GenerateYearAsync(Period year, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        year = year.FinancialYear;
        var pattern = await TimetableStore.PatternAsync(db, cancellationToken);
        if (pattern.Problems() is { Count: > 0 } problems)
        {
            throw new UserFacingException("The timetable pattern cannot be used: " + string.Join(" ", problems.Select(p => p.Message)));
        }

        var workingDays = await TimetableStore.WorkingDaysAroundAsync(db, year, cancellationToken);
        var quarters = TimetableStore.QuartersOf(year);
        var codes = quarters.Select(q => q.Code).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.TimetableMilestones.AsTracking().Where(m => codes.Contains(m.Period)).ToListAsync(cancellationToken);
        int added = 0, changed = 0, unchanged = 0, kept = 0, removed = 0;
        foreach (var quarter in quarters)
        {
            var generated = TimetablePattern.Generate(quarter, pattern, workingDays);
            foreach (var date in generated)
            {
                var row = existing.FirstOrDefault(m => m.Period == quarter.Code && m.Milestone == date.Milestone);
                if (row is null)
                {
                    db.TimetableMilestones.Add(new TimetableMilestone { Period = quarter.Code, Milestone = date.Milestone, Starts = date.Starts, Date = date.Date });
                    added++;
                }
                else if (row.Edited)
                {
                    kept++;
                }
                else if (row.Starts != date.Starts || row.Date != date.Date)
                {
                    (row.Starts, row.Date) = (date.Starts, date.Date);
                    row.Sequence++;
                    changed++;
                }
                else
                {
                    unchanged++;
                }
            }

            foreach (var gone in existing.Where(m => m.Period == quarter.Code && !m.Edited && generated.All(g => g.Milestone != m.Milestone)))
            {
                db.TimetableMilestones.Remove(gone);
                removed++;
            }
        }

        var result = new GenerationResult(added, changed, unchanged, kept, removed);
        audit.Add(actor, AuditActions.TimetableGenerated, result.Describe(year), subjectName: year.Code);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Sets a quarter's milestone dates by hand, all or nothing; each changed date is audited with the old and new
    /// dates. A date set back to what the pattern gives follows the pattern again (no longer kept as edited).
    /// Returns how many milestones changed.
    /// </summary>
    public async Task<int> EditQuarterAsync(Period quarter, IReadOnlyList<MilestoneEdit> edits, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(actor);
        var pattern = await TimetableStore.PatternAsync(db, cancellationToken);
        var workingDays = await TimetableStore.WorkingDaysAroundAsync(db, quarter, cancellationToken);
        var generated = TimetablePattern.Generate(quarter, pattern, workingDays).ToDictionary(g => g.Milestone);
        var rows = await db.TimetableMilestones.AsTracking().Where(m => m.Period == quarter.Code).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var edit in edits)
        {
            var starts = edit.Starts == edit.Date ? null : edit.Starts;
            if (starts > edit.Date)
            {
                throw new UserFacingException($"{Milestones.Name(edit.Milestone)} starts after it ends: the first day must be on or before the last.");
            }

            var row = rows.FirstOrDefault(r => r.Milestone == edit.Milestone);
            if (row is not null && row.Starts == starts && row.Date == edit.Date)
            {
                continue;
            }

            var was = row is null ? "no date" : TimetableDates.Span(row.Starts, row.Date);
            if (row is null)
            {
                row = new TimetableMilestone { Period = quarter.Code, Milestone = edit.Milestone, Date = edit.Date };
                db.TimetableMilestones.Add(row);
            }
            else
            {
                row.Sequence++;
            }

            (row.Starts, row.Date) = (starts, edit.Date);
            row.Edited = !(generated.TryGetValue(edit.Milestone, out var fromPattern) && fromPattern.Starts == starts && fromPattern.Date == edit.Date);
            audit.Add(
                actor,
                AuditActions.TimetableEdited,
                $"{quarter.DisplayName}: {Milestones.Name(edit.Milestone)} from {was} to {TimetableDates.Span(starts, edit.Date)}.",
                subjectName: quarter.Code);
            changed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>Replaces the stored pattern with these rules, after checking them; audits what changed.</summary>
    public async Task<IReadOnlyList<PatternProblem>> SavePatternAsync(IReadOnlyList<MilestoneRule> rules, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(actor);
        var pattern = new TimetablePattern(rules);
        var problems = pattern.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        var before = await TimetableStore.PatternAsync(db, cancellationToken);
        var changes = Milestones.All
            .Select(m => (Milestone: m, Was: before.RuleFor(m), Now: pattern.RuleFor(m)))
            .Where(c => c.Was != c.Now)
            .Select(c => $"{Milestones.Name(c.Milestone)} from {Describe(c.Was)} to {Describe(c.Now)}")
            .ToList();
        if (changes.Count == 0)
        {
            return [];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TimetablePattern.ExecuteDeleteAsync(cancellationToken);
        db.TimetablePattern.AddRange(pattern.Rules.Select(r => new TimetablePatternRow
        {
            Milestone = r.Milestone,
            StartOffset = r.StartOffset,
            EndOffset = r.EndOffset,
            Quarters = r.Quarters,
        }));
        audit.Add(actor, AuditActions.TimetablePatternChanged, string.Join("; ", changes) + ".");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// Adds a day to the operator's list of holidays (a one-off bank holiday, or the new day of a moved one). Refused when
    /// the day is already a holiday. The timetable is not regenerated: generate the year again to move its dates.
    /// </summary>
    public async Task AddHolidayAsync(DateOnly date, string name, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        name = name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            throw new UserFacingException("Give the holiday a name, such as \"VE day\".");
        }

        if (name.Length > BankHoliday.NameLength)
        {
            throw new UserFacingException($"The holiday's name must be {BankHoliday.NameLength} characters or fewer.");
        }

        if (Names.NameProblem(name) is { } problem)
        {
            throw new UserFacingException($"The holiday's name {problem}.");
        }

        if (date.Year >= BankHolidays.FirstYear && BankHolidays.EnglandAndWales(date.Year).FirstOrDefault(h => h.Date == date) is { } computed)
        {
            throw new UserFacingException($"{TimetableDates.Long(date)} is already a bank holiday: {computed.Name}.");
        }

        if (await db.BankHolidays.AsNoTracking().FirstOrDefaultAsync(h => h.Date == date, cancellationToken) is { } stored)
        {
            throw new UserFacingException($"{TimetableDates.Long(date)} is already in the list of holidays: {stored.Name}.");
        }

        db.BankHolidays.Add(new BankHoliday { Date = date, Name = name });
        audit.Add(actor, AuditActions.BankHolidayAdded, $"Added {TimetableDates.Long(date)} ({name}) to the holidays.");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Describe(MilestoneRule? rule) => rule switch
    {
        null => "not in the pattern",
        _ => (rule.StartOffset is { } s ? $"{s} to {rule.EndOffset}" : $"{rule.EndOffset}") + $" working days ({QuartersText(rule.Quarters)})",
    };

    /// <summary>"every quarter", or the quarters named: "Q1, Q2, Q4".</summary>
    public static string QuartersText(QuarterSet quarters) => quarters == QuarterSet.All
        ? "every quarter"
        : quarters == QuarterSet.None
            ? "no quarter"
            : string.Join(", ", Enumerable.Range(1, 4).Where(i => ((int)quarters & (1 << (i - 1))) != 0).Select(i => $"Q{i}"));
}
