using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Returns;

/// <summary>One values row a quarterly return asks for, and which of its figures are due.</summary>
/// <param name="Period">The values row's period: a month, the quarter, a half or the year.</param>
/// <param name="ActualDue">An actual is asked for.</param>
/// <param name="ProjectedOutturnDue">A projected outturn (the forecast of the year-end) is asked for.</param>
public readonly record struct DueRow(Period Period, bool ActualDue, bool ProjectedOutturnDue);

/// <summary>
/// What a quarterly return asks of one indicator in one area, by its frequency: the rows the assessment at the quarter
/// will read (assessment.md, "value at a period") and the actuals of the reporting periods that end in the quarter.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Monthly: each month of the quarter with its actual; the quarter's last month also carries the projected
/// outturn, because the value of a monthly indicator at a quarter is the row of the latest month inside it.</item>
/// <item>Quarterly: the quarter, with its actual and projected outturn.</item>
/// <item>Half-yearly: every quarter the quarter's row with the projected outturn (a half-yearly indicator assessed at a
/// quarter has only that quarter's row); at Q2 and Q4 also the half that ends, with its actual.</item>
/// <item>Annual: every quarter the quarter's row with the projected outturn; at Q4 also the year's row with its actual
/// (the outturn), "a projected outturn every quarter and an actual once a year".</item>
/// </list>
/// A data-only indicator (polarity none) is never rated, so it is asked for no projected outturn: only its actuals,
/// and nothing at all in a quarter where none of its reporting periods ends. Every row kept here passes
/// <see cref="FigureRules.CheckValuePeriod"/>: actuals are for the indicator's reporting periods or the year, projected
/// outturns for a quarter, a reporting period or the year.
/// </remarks>
public static class ReturnDue
{
    /// <summary>The rows due for <paramref name="quarter"/>, in period order (a longer period before a shorter one that starts with it).</summary>
    public static IReadOnlyList<DueRow> For(Frequency frequency, Polarity polarity, Period quarter)
    {
        if (quarter.Kind != PeriodKind.Quarter)
        {
            throw new ArgumentException($"A return is for a quarter, not {quarter}.", nameof(quarter));
        }

        var rated = polarity != Polarity.None;
        var rows = new List<DueRow>();
        switch (frequency)
        {
            case Frequency.Monthly:
                for (var offset = quarter.FirstMonthOffset; offset <= quarter.LastMonthOffset; offset++)
                {
                    var month = Period.Containing(quarter.Year, PeriodKind.Month, offset);
                    rows.Add(new DueRow(month, ActualDue: true, ProjectedOutturnDue: rated && offset == quarter.LastMonthOffset));
                }

                break;
            case Frequency.Quarterly:
                rows.Add(new DueRow(quarter, ActualDue: true, ProjectedOutturnDue: rated));
                break;
            case Frequency.HalfYearly:
                if (rated)
                {
                    rows.Add(new DueRow(quarter, ActualDue: false, ProjectedOutturnDue: true));
                }

                if (quarter.Index % 2 == 0)
                {
                    rows.Add(new DueRow(Period.Create(quarter.Year, PeriodKind.HalfYear, quarter.Index / 2), ActualDue: true, ProjectedOutturnDue: false));
                }

                break;
            case Frequency.Annual:
                if (rated)
                {
                    rows.Add(new DueRow(quarter, ActualDue: false, ProjectedOutturnDue: true));
                }

                if (quarter.Index == 4)
                {
                    rows.Add(new DueRow(quarter.FinancialYear, ActualDue: true, ProjectedOutturnDue: false));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null);
        }

        return [.. rows.OrderBy(r => r.Period)];
    }

    /// <summary>
    /// The row the status at the quarter is judged on (the value at the quarter): the quarter's own row, or for a
    /// monthly indicator the quarter's last month. Its projected outturn is the one the RAG reads.
    /// </summary>
    public static Period AssessedRow(Frequency frequency, Period quarter) =>
        frequency == Frequency.Monthly ? Period.Containing(quarter.Year, PeriodKind.Month, quarter.LastMonthOffset) : quarter;
}
