using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GoldenThread.Domain.Periods;

/// <summary>
/// A period of the UK financial year: the year itself, a half, a quarter or a month, identified by
/// codes such as <c>2008-09</c>, <c>2008-09-H1</c>, <c>2008-09-Q2</c> and <c>2008-09-M01</c>.
/// </summary>
/// <remarks>
/// Periods are ordered by where they start, then longest first, so a year sorts before its first
/// quarter. Months are counted from the start of the financial year (0 is the first month); the
/// calendar months they cover depend on the configured start month (see <see cref="StartDate"/>).
/// </remarks>
public readonly record struct Period : IComparable<Period>
{
    public const int MinYear = 1900;
    public const int MaxYear = 2999;

    private Period(int year, PeriodKind kind, int index)
    {
        Year = year;
        Kind = kind;
        Index = index;
    }

    /// <summary>The calendar year in which the financial year starts (2008 for <c>2008-09</c>).</summary>
    public int Year { get; }

    public PeriodKind Kind { get; }

    /// <summary>1-based position within the financial year (1 for a year).</summary>
    public int Index { get; }

    /// <summary>Months from the start of the financial year to the start of this period (0-11).</summary>
    public int FirstMonthOffset => (Index - 1) * (int)Kind;

    /// <summary>Months from the start of the financial year to the start of the last month of this period.</summary>
    public int LastMonthOffset => FirstMonthOffset + (int)Kind - 1;

    /// <summary>A number that grows with the start month, for comparing where periods begin and end.</summary>
    public int StartOrdinal => (Year * 12) + FirstMonthOffset;

    public int EndOrdinal => (Year * 12) + LastMonthOffset;

    public Period FinancialYear => new(Year, PeriodKind.Year, 1);

    public static Period OfYear(int year) => Create(year, PeriodKind.Year, 1);

    public static Period Create(int year, PeriodKind kind, int index)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"The year must be between {MinYear} and {MaxYear}.");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        if (index < 1 || index > PeriodsPerYear(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A {kind} index must be between 1 and {PeriodsPerYear(kind)}.");
        }

        return new Period(year, kind, index);
    }

    public static int PeriodsPerYear(PeriodKind kind) => 12 / (int)kind;

    /// <summary>The code of this period, e.g. <c>2008-09-Q2</c>.</summary>
    public string Code
    {
        get
        {
            var year = string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{(Year + 1) % 100:D2}");
            return Kind switch
            {
                PeriodKind.Year => year,
                PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{year}-H{Index}"),
                PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{year}-Q{Index}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{year}-M{Index:D2}"),
            };
        }
    }

    /// <summary>The name people read, e.g. "2008/09 Q2".</summary>
    public string DisplayName
    {
        get
        {
            var year = string.Create(CultureInfo.InvariantCulture, $"{Year:D4}/{(Year + 1) % 100:D2}");
            return Kind switch
            {
                PeriodKind.Year => year,
                PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{year} H{Index}"),
                PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{year} Q{Index}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{year} M{Index:D2}"),
            };
        }
    }

    public static Period Parse(string code) =>
        TryParse(code, out var period)
            ? period
            : throw new FormatException($"'{code}' is not a period code; expected a code such as 2008-09, 2008-09-H1, 2008-09-Q2 or 2008-09-M01.");

    /// <summary>Reads a period code. The second year must follow the first (<c>2008-09</c>, <c>1999-00</c>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out Period period)
    {
        period = default;
        if (code is null)
        {
            return false;
        }

        var span = code.AsSpan();
        if (span.Length < 7 || span[4] != '-' || !IsDigits(span[..4]) || !IsDigits(span.Slice(5, 2)))
        {
            return false;
        }

        var year = ParseDigits(span[..4]);
        var next = ParseDigits(span.Slice(5, 2));
        if (year < MinYear || year > MaxYear || (year + 1) % 100 != next)
        {
            return false;
        }

        if (span.Length == 7)
        {
            period = new Period(year, PeriodKind.Year, 1);
            return true;
        }

        if (span[7] != '-' || span.Length < 10)
        {
            return false;
        }

        var rest = span[9..];
        if (!IsDigits(rest))
        {
            return false;
        }

        var (kind, digits) = span[8] switch
        {
            'H' => (PeriodKind.HalfYear, 1),
            'Q' => (PeriodKind.Quarter, 1),
            'M' => (PeriodKind.Month, 2),
            _ => ((PeriodKind)0, 0),
        };
        if (digits == 0 || rest.Length != digits)
        {
            return false;
        }

        var index = ParseDigits(rest);
        if (index < 1 || index > PeriodsPerYear(kind))
        {
            return false;
        }

        period = new Period(year, kind, index);
        return true;
    }

    /// <summary>True when <paramref name="other"/> lies wholly inside this period (a period contains itself).</summary>
    public bool Contains(Period other) =>
        other.StartOrdinal >= StartOrdinal && other.EndOrdinal <= EndOrdinal;

    /// <summary>The period of the same kind just before this one, across financial years.</summary>
    public Period Previous() =>
        Index > 1 ? new Period(Year, Kind, Index - 1) : new Period(Year - 1, Kind, PeriodsPerYear(Kind));

    /// <summary>The same period one financial year earlier.</summary>
    public Period YearEarlier() => new(Year - 1, Kind, Index);

    /// <summary>The periods of <paramref name="kind"/> in this period's financial year, in order.</summary>
    public IEnumerable<Period> PeriodsOfYear(PeriodKind kind)
    {
        var year = Year;
        return Enumerable.Range(1, PeriodsPerYear(kind)).Select(i => new Period(year, kind, i));
    }

    /// <summary>The period of <paramref name="kind"/> in the same financial year that contains the given month offset.</summary>
    public static Period Containing(int year, PeriodKind kind, int monthOffset) =>
        new(year, kind, (monthOffset / (int)kind) + 1);

    /// <summary>The first calendar day of this period, for a financial year that starts in <paramref name="startMonth"/>.</summary>
    public DateOnly StartDate(int startMonth = 4) =>
        new DateOnly(Year, ValidStartMonth(startMonth), 1).AddMonths(FirstMonthOffset);

    /// <summary>The last calendar day of this period, for a financial year that starts in <paramref name="startMonth"/>.</summary>
    public DateOnly EndDate(int startMonth = 4) =>
        new DateOnly(Year, ValidStartMonth(startMonth), 1).AddMonths(LastMonthOffset + 1).AddDays(-1);

    /// <summary>
    /// The latest quarter that has ended by <paramref name="today"/>: a quarter ends at the close of its last
    /// day, so on 1 October the quarter to 30 September has ended, and on 30 September it has not.
    /// </summary>
    public static Period LatestEndedQuarter(DateOnly today, int startMonth = 4)
    {
        var start = ValidStartMonth(startMonth);
        var monthsSinceYearStart = (((today.Month - start) % 12) + 12) % 12;
        var financialYear = today.Month >= start ? today.Year : today.Year - 1;
        var current = Containing(financialYear, PeriodKind.Quarter, monthsSinceYearStart);
        return current.Index > 1
            ? new Period(current.Year, PeriodKind.Quarter, current.Index - 1)
            : new Period(current.Year - 1, PeriodKind.Quarter, 4);
    }

    /// <summary>Whether this period has begun by <paramref name="today"/> (its first day is today or earlier).</summary>
    public bool HasStartedBy(DateOnly today, int startMonth = 4) => StartDate(startMonth) <= today;

    public int CompareTo(Period other)
    {
        var byStart = StartOrdinal.CompareTo(other.StartOrdinal);
        return byStart != 0 ? byStart : other.Kind.CompareTo(Kind);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    public override string ToString() => Code;

    private static int ValidStartMonth(int startMonth) =>
        startMonth is >= 1 and <= 12
            ? startMonth
            : throw new ArgumentOutOfRangeException(nameof(startMonth), startMonth, "The financial year's start month must be 1-12.");

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return span.Length > 0;
    }

    private static int ParseDigits(ReadOnlySpan<char> span)
    {
        var value = 0;
        foreach (var c in span)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
