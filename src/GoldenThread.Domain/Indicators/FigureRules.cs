using System.Globalization;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Indicators;

/// <summary>
/// Every rule a figure must keep, wherever it comes from (the import's values and targets, the API, the coming
/// return forms): which periods an actual, a projected outturn or a target may be for, the indicator's range, a sane
/// magnitude, digits that a decimal holds exactly, and periods that have started. Each rule adds problems per field
/// (named as the contract's columns) to the caller's list, so that a million-row import allocates nothing per row.
/// No clock: "today" is the caller's.
/// </summary>
public static class FigureRules
{
    /// <summary>A decimal holds 28 significant digits exactly (29 only sometimes), and at most 28 after the point.</summary>
    public const int MaxSignificantDigits = 28;

    /// <summary>
    /// Checks a values row: its period fits the indicator's frequency and has started by <paramref name="today"/>,
    /// and each figure given lies within the indicator's range and <paramref name="limits"/>. A row with neither
    /// figure (a note, or nothing) is held to the projected outturn's periods.
    /// </summary>
    public static void CheckValues(
        FigureIndicator indicator, Period period, decimal? actual, decimal? projectedOutturn, DateOnly today, FigureLimits limits, ICollection<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(problems);
        if (indicator.Frequency is { } frequency)
        {
            CheckValuePeriod(indicator.Code, frequency, period, actual is not null, projectedOutturn is not null, problems);
        }

        CheckStarted(period, today, problems);
        if (actual is { } actualValue)
        {
            CheckFigure(FigureFields.Actual, indicator, actualValue, limits, problems);
        }

        if (projectedOutturn is { } outturnValue)
        {
            CheckFigure(FigureFields.ProjectedOutturn, indicator, outturnValue, limits, problems);
        }
    }

    /// <summary>
    /// Checks a target: for a year or a period at least as long as the indicator's reporting periods, within its range
    /// and <paramref name="limits"/>. Targets may be for periods still to come.
    /// </summary>
    public static void CheckTarget(FigureIndicator indicator, Period period, decimal target, FigureLimits limits, ICollection<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(problems);
        if (indicator.Frequency is { } frequency)
        {
            CheckTargetPeriod(indicator.Code, frequency, period, problems);
        }

        CheckFigure(FigureFields.Target, indicator, target, limits, problems);
    }

    /// <summary>A target is for a year or for a period at least as long as the indicator's reporting periods.</summary>
    public static void CheckTargetPeriod(string code, Frequency frequency, Period period, ICollection<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var reporting = frequency.ReportingKind();
        if (period.Kind == PeriodKind.Year || (int)period.Kind >= (int)reporting)
        {
            return;
        }

        problems.Add(new(
            FigureFields.Period,
            $"{period} is {Singular(period.Kind)}, shorter than the {Plural(reporting)} that {code} is collected in; "
            + $"a target is for a year or for a period at least as long as the indicator's frequency ({Codes.Of(frequency)})"));
    }

    /// <summary>An actual is for a year or a reporting period; a projected outturn also for any quarter.</summary>
    public static void CheckValuePeriod(string code, Frequency frequency, Period period, bool hasActual, bool hasOutturn, ICollection<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var reporting = frequency.ReportingKind();
        var fitsActual = period.Kind == PeriodKind.Year || period.Kind == reporting;
        var fitsOutturn = fitsActual || period.Kind == PeriodKind.Quarter;
        if (fitsActual)
        {
            return;
        }

        var collected = $"{code} is collected {Adverb(frequency)}";
        var outturnPeriods = reporting is PeriodKind.Month or PeriodKind.HalfYear
            ? $"a year, a quarter or one of the indicator's {Plural(reporting)}"
            : "a year or a quarter";
        if (hasActual)
        {
            var actualPeriods = reporting == PeriodKind.Year ? "years" : $"{Plural(reporting)} or years";
            var hint = fitsOutturn ? "; give the forecast for the year as projected_outturn" : string.Empty;
            problems.Add(new(FigureFields.Actual, $"an actual for {period} does not fit: {collected}, so its actuals are for {actualPeriods}{hint}"));
        }

        if (hasOutturn && !fitsOutturn)
        {
            problems.Add(new(FigureFields.ProjectedOutturn, $"a projected outturn for {period} does not fit: {collected}, so a projected outturn is for {outturnPeriods}"));
        }

        if (!hasActual && !hasOutturn && !fitsOutturn)
        {
            problems.Add(new(FigureFields.Period, $"{period} does not fit: {collected}, so a values row is for {outturnPeriods}"));
        }
    }

    /// <summary>
    /// Figures are for periods that have started: a row for a period to come would move every page's idea of the
    /// latest figures. Targets are not held to this.
    /// </summary>
    public static void CheckStarted(Period period, DateOnly today, ICollection<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (period.HasStartedBy(today))
        {
            return;
        }

        problems.Add(new(
            FigureFields.Period,
            $"{period} has not started yet (it starts on {Show(period.StartDate())}); figures are for periods that have started by today, {Show(today)}"));
    }

    /// <summary>One figure: within <paramref name="limits"/>' magnitude and then within the indicator's range.</summary>
    public static void CheckFigure(string field, FigureIndicator indicator, decimal value, FigureLimits limits, ICollection<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(problems);
        if (Math.Abs(value) > limits.MaximumMagnitude)
        {
            problems.Add(new(
                field,
                $"{Show(value)} is too large: a figure may be at most {Show(limits.MaximumMagnitude)} either side of zero; check the units and the decimal point"));
            return;
        }

        var belowMin = value < indicator.MinValue;
        var aboveMax = value > indicator.MaxValue;
        if (!belowMin && !aboveMax)
        {
            return;
        }

        var code = indicator.Code;
        var shown = Show(value);
        problems.Add(new(field, indicator is { MinValue: { } min, MaxValue: { } max }
            ? $"{shown} is outside {code}'s range of {Show(min)} to {Show(max)}"
            : belowMin
                ? $"{shown} is below {code}'s min_value of {Show(indicator.MinValue!.Value)}"
                : $"{shown} is above {code}'s max_value of {Show(indicator.MaxValue!.Value)}"));
    }

    /// <summary>
    /// Why a number written in full (digits, an optional point, an optional exponent as JSON allows) cannot be held
    /// exactly, or null when it can: more than 28 significant digits, or more than 28 after the point, would be
    /// rounded without a word. Trailing zeros count, as they are written; leading zeros do not.
    /// </summary>
    public static string? Digits(ReadOnlySpan<char> number)
    {
        var significant = 0;
        var afterPoint = 0;
        var point = false;
        var exponent = 0;
        var i = 0;
        if (i < number.Length && number[i] is '-' or '+')
        {
            i++;
        }

        for (; i < number.Length; i++)
        {
            var c = number[i];
            if (c is >= '0' and <= '9')
            {
                if (significant > 0 || c != '0')
                {
                    significant++;
                }

                afterPoint += point ? 1 : 0;
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else if (c is 'e' or 'E')
            {
                if (!int.TryParse(number[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
                {
                    return null;
                }

                break;
            }
            else
            {
                return null;
            }
        }

        // The exponent moves the point: 1.5e3 is 1500 (two more digits written out), 15e-30 has 30 after the point.
        var scale = (long)afterPoint - exponent;
        var written = significant + Math.Max(0, -scale);
        if (written > MaxSignificantDigits)
        {
            return $"{Show(number)} has more than {MaxSignificantDigits} significant digits, which cannot be stored exactly; round it to at most {MaxSignificantDigits}";
        }

        if (scale > MaxSignificantDigits)
        {
            return $"{Show(number)} has more than {MaxSignificantDigits} digits after the point, which cannot be stored exactly; round it to at most {MaxSignificantDigits}";
        }

        return null;
    }

    /// <summary>The plural of a reporting period: "quarters".</summary>
    public static string Plural(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "months",
        PeriodKind.Quarter => "quarters",
        PeriodKind.HalfYear => "half years",
        _ => "years",
    };

    /// <summary>The singular with its article: "a quarter".</summary>
    public static string Singular(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "a month",
        PeriodKind.Quarter => "a quarter",
        PeriodKind.HalfYear => "a half year",
        _ => "a year",
    };

    /// <summary>How often an indicator is collected, as an adverb: "quarterly", "annually".</summary>
    public static string Adverb(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => "monthly",
        Frequency.Quarterly => "quarterly",
        Frequency.HalfYearly => "half-yearly",
        _ => "annually",
    };

    /// <summary>A figure as the contract writes it: a point for decimals, no exponent, no separator.</summary>
    public static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Show(ReadOnlySpan<char> text) => text.Length <= 60 ? $"'{text}'" : $"'{text[..57]}...'";
}
