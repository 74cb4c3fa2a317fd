using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Timetable;

/// <summary>Reads the timetable: the pattern, the working days (computed bank holidays and the operator's list), a year's milestones.</summary>
public static class TimetableStore
{
    /// <summary>The stored pattern, or the default (Appendix A) while none is stored.</summary>
    public static async Task<TimetablePattern> PatternAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.TimetablePattern.AsNoTracking().ToListAsync(cancellationToken);
        return rows.Count == 0 ? TimetablePattern.Default : new TimetablePattern(rows.Select(r => r.ToRule()));
    }

    /// <summary>Whether the pattern in use is the default (nothing stored).</summary>
    public static async Task<bool> PatternIsDefaultAsync(GoldenThreadDb db, CancellationToken cancellationToken) =>
        !await db.TimetablePattern.AnyAsync(cancellationToken);

    /// <summary>
    /// The working days of the calendar years <paramref name="fromYear"/> to <paramref name="toYear"/>: weekdays less
    /// the England and Wales bank holidays by their rules and every day in <c>bank_holidays</c>.
    /// </summary>
    public static async Task<WorkingDays> WorkingDaysAsync(GoldenThreadDb db, int fromYear, int toYear, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var added = await db.BankHolidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken);
        return WorkingDays.EnglandAndWales(Math.Max(fromYear, BankHolidays.FirstYear), Math.Max(toYear, BankHolidays.FirstYear), added);
    }

    /// <summary>The working days around a financial year: from the calendar year before it to the one after it ends.</summary>
    public static Task<WorkingDays> WorkingDaysAroundAsync(GoldenThreadDb db, Period year, CancellationToken cancellationToken) =>
        WorkingDaysAsync(db, year.Year - 1, year.Year + 2, cancellationToken);

    /// <summary>Every holiday of the calendar year, computed and added, in date order; added ones say so.</summary>
    public static async Task<IReadOnlyList<(Holiday Holiday, bool Added)>> HolidaysAsync(GoldenThreadDb db, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var added = await db.BankHolidays.AsNoTracking().Where(h => h.Date >= first && h.Date <= last).ToListAsync(cancellationToken);
        var computed = year >= BankHolidays.FirstYear ? BankHolidays.EnglandAndWales(year) : [];
        return computed.Select(h => (h, false))
            .Concat(added.Select(h => (new Holiday(h.Date, h.Name), true)))
            .OrderBy(h => h.Item1.Date)
            .ToList();
    }

    /// <summary>The stored milestones of a financial year's quarters, by quarter then milestone.</summary>
    public static async Task<IReadOnlyList<TimetableMilestone>> YearAsync(GoldenThreadDb db, Period year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = QuartersOf(year).Select(q => q.Code).ToList();
        var rows = await db.TimetableMilestones.AsNoTracking().Where(m => codes.Contains(m.Period)).ToListAsync(cancellationToken);
        return rows.OrderBy(m => m.Period, StringComparer.Ordinal).ThenBy(m => m.Milestone).ToList();
    }

    /// <summary>The quarters of a financial year, in order.</summary>
    public static IReadOnlyList<Period> QuartersOf(Period year) => year.FinancialYear.PeriodsOfYear(PeriodKind.Quarter).ToList();

    /// <summary>Reads a financial year code such as 2009-10 (the year of any period code is taken too).</summary>
    public static bool TryParseYear(string? text, out Period year)
    {
        year = default;
        if (!Period.TryParse(text?.Trim(), out var period))
        {
            return false;
        }

        year = period.FinancialYear;
        return true;
    }
}
