using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Timetable;

/// <summary>The quarters of the financial year a milestone happens in (the strategic board does not meet for Q3).</summary>
[Flags]
public enum QuarterSet
{
    None = 0,
    Q1 = 1,
    Q2 = 2,
    Q3 = 4,
    Q4 = 8,
    All = Q1 | Q2 | Q3 | Q4,
}

/// <summary>
/// When one milestone falls, in working days from the period end (negative before it, 0 the period end itself, positive
/// after it): a single day (<see cref="StartOffset"/> null) or a span, and the quarters it happens in.
/// </summary>
public sealed record MilestoneRule(Milestone Milestone, int? StartOffset, int EndOffset, QuarterSet Quarters = QuarterSet.All)
{
    /// <summary>How far from the period end a milestone may be: about half a year of working days either way.</summary>
    public const int MaxOffset = 130;

    public bool HappensIn(Period quarter) => (Quarters & QuarterOf(quarter)) != 0;

    /// <summary>The flag of a quarter (its index in the financial year).</summary>
    public static QuarterSet QuarterOf(Period quarter)
    {
        if (quarter.Kind != PeriodKind.Quarter)
        {
            throw new ArgumentException($"{quarter.Code} is not a quarter: the timetable is generated for quarters.", nameof(quarter));
        }

        return (QuarterSet)(1 << (quarter.Index - 1));
    }
}

/// <summary>One milestone's date (or span of dates) in one quarter, as the pattern gives it.</summary>
public sealed record MilestoneDate(Milestone Milestone, DateOnly? Starts, DateOnly Date);

/// <summary>A problem with a pattern, naming the milestone (null for the pattern as a whole).</summary>
public sealed record PatternProblem(Milestone? Milestone, string Message);

/// <summary>
/// The reporting timetable set up once: for each milestone, its offsets from the period end in working days. Generating a
/// quarter turns the offsets into dates, skipping weekends and holidays.
/// </summary>
public sealed class TimetablePattern
{
    public TimetablePattern(IEnumerable<MilestoneRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules.OrderBy(r => r.Milestone)];
    }

    /// <summary>The rules, one per milestone at most, in the milestones' order.</summary>
    public IReadOnlyList<MilestoneRule> Rules { get; }

    /// <summary>
    /// Appendix A of the 2008/11 framework (seeds/004) as offsets, taken from its 2008/09 dates. Counted from the return
    /// deadline, every quarter of the seed keeps the same steps to the executive board, so the default takes the deadline of
    /// Q3 and Q4 (11 working days after the period end). It gives the seed's Q3 exactly but for the forms (15 December,
    /// not 17). Where else it departs from the seed: forms are issued 10 working days before the period end (Q2 and Q4;
    /// Q1 was 1 day before, Q3 8 days before, for Christmas); Q1's deadline was 14 working days after the period end and
    /// Q2's 8; Q4 kept two calendar weeks of thematic meetings across the May Day holiday, so from there to the executive
    /// board the default is a working day later; the strategic board (papers 48 and meeting 53 days after, as Q4) and the
    /// scrutiny panel (66 days after, as Q3) followed the boards' own calendars. The strategic board has no Q3 papers or
    /// meeting, as in the seed.
    /// </summary>
    public static TimetablePattern Default { get; } = new(
    [
        new(Milestone.FormsIssued, null, -10),
        new(Milestone.PeriodEnd, null, 0),
        new(Milestone.ReturnWindow, 0, 11),
        new(Milestone.ReturnDeadline, null, 11),
        new(Milestone.QualityAssurance, 12, 15),
        new(Milestone.AllInConfirmed, null, 16),
        new(Milestone.ThematicMeetings, 17, 26),
        new(Milestone.FinalUpdate, null, 27),
        new(Milestone.ReportCompiled, 28, 30),
        new(Milestone.ExecutivePapers, null, 30),
        new(Milestone.ExecutiveMeeting, null, 35),
        new(Milestone.StrategicPapers, null, 48, QuarterSet.Q1 | QuarterSet.Q2 | QuarterSet.Q4),
        new(Milestone.StrategicMeeting, null, 53, QuarterSet.Q1 | QuarterSet.Q2 | QuarterSet.Q4),
        new(Milestone.ScrutinyMeeting, null, 66),
    ]);

    /// <summary>The rule for a milestone, or null when the pattern leaves it out.</summary>
    public MilestoneRule? RuleFor(Milestone milestone) => Rules.FirstOrDefault(r => r.Milestone == milestone);

    /// <summary>What is wrong with the pattern: every problem at once, none when it can be used.</summary>
    public IReadOnlyList<PatternProblem> Problems()
    {
        var problems = new List<PatternProblem>();
        foreach (var twice in Rules.GroupBy(r => r.Milestone).Where(g => g.Count() > 1))
        {
            problems.Add(new PatternProblem(twice.Key, $"{Milestones.Name(twice.Key)} is in the pattern {twice.Count()} times; keep one."));
        }

        foreach (var rule in Rules)
        {
            var name = Milestones.Name(rule.Milestone);
            if (!Enum.IsDefined(rule.Milestone))
            {
                problems.Add(new PatternProblem(null, $"There is no milestone {(int)rule.Milestone}."));
                continue;
            }

            if (Math.Abs(rule.EndOffset) > MilestoneRule.MaxOffset || (rule.StartOffset is { } s && Math.Abs(s) > MilestoneRule.MaxOffset))
            {
                problems.Add(new PatternProblem(rule.Milestone, $"{name} must be within {MilestoneRule.MaxOffset} working days of the period end."));
            }

            if (rule.StartOffset is { } start && start > rule.EndOffset)
            {
                problems.Add(new PatternProblem(rule.Milestone, $"{name} starts ({start}) after it ends ({rule.EndOffset}): the first day must be on or before the last."));
            }

            if ((rule.Quarters & ~QuarterSet.All) != 0)
            {
                problems.Add(new PatternProblem(rule.Milestone, $"{name} names a quarter that does not exist."));
            }
        }

        // Returns are late after the deadline: every quarter needs one.
        if (RuleFor(Milestone.ReturnDeadline) is not { Quarters: QuarterSet.All })
        {
            problems.Add(new PatternProblem(Milestone.ReturnDeadline, "The return deadline must be in the pattern for every quarter: returns are late after it."));
        }

        if (RuleFor(Milestone.FormsIssued) is not { Quarters: QuarterSet.All })
        {
            problems.Add(new PatternProblem(Milestone.FormsIssued, "The date forms are issued must be in the pattern for every quarter: the cycle starts with it."));
        }

        return problems;
    }

    /// <summary>
    /// The dates of a quarter's milestones: each offset counted in working days from the quarter's last day (offset 0 is
    /// that day, whatever day of the week it is), leaving out the milestones that do not happen in that quarter.
    /// </summary>
    public static IReadOnlyList<MilestoneDate> Generate(Period quarter, TimetablePattern pattern, WorkingDays workingDays)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(workingDays);
        var end = quarter.EndDate();
        return pattern.Rules
            .Where(r => r.HappensIn(quarter))
            .Select(r => new MilestoneDate(
                r.Milestone,
                r.StartOffset is { } start ? workingDays.Add(end, start) : null,
                workingDays.Add(end, r.EndOffset)))
            .ToList();
    }

    /// <summary>The four quarters of a financial year, generated.</summary>
    public static IReadOnlyDictionary<Period, IReadOnlyList<MilestoneDate>> GenerateYear(Period year, TimetablePattern pattern, WorkingDays workingDays) =>
        year.FinancialYear.PeriodsOfYear(PeriodKind.Quarter).ToDictionary(q => q, q => Generate(q, pattern, workingDays));
}
