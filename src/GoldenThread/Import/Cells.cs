using System.Buffers;
using System.Globalization;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Import;

/// <summary>
/// Reads the contract's cell formats from text: numbers (a point for decimals, an optional leading minus,
/// nothing else) and period codes, with the words that explain a cell that does not fit.
/// </summary>
internal static class Cells
{
    private const int MaxShown = 60;

    private static readonly SearchValues<char> ExponentNumberChars = SearchValues.Create("0123456789.-+eE");
    private static readonly SearchValues<char> PlainNumberChars = SearchValues.Create("0123456789.-");

    /// <summary>
    /// Reads a number as the contract writes it: <c>-12.5</c>, <c>0.25</c>, <c>100</c>. No exponent, no
    /// thousands separator, no sign but a leading minus, no %, digits on both sides of a point. The scale is kept (12.50 stays 12.50).
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == '-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = 0;
        var point = false;
        var tooLong = false;
        var digitsBeforePoint = 0;
        var digitsAfterPoint = 0;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                if (point)
                {
                    digitsAfterPoint++;
                }
                else
                {
                    digitsBeforePoint++;
                }

                // 19 digits always fit a ulong; longer figures are rare enough for the framework's parser.
                if (digits < 19)
                {
                    mantissa = (mantissa * 10) + digit;
                    digits++;
                    scale += point ? 1 : 0;
                }
                else
                {
                    tooLong = true;
                }
            }
            else if (text[i] == '.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        // The contract wants digits on both sides of a point: 6. and .5 are typing slips, not 6 and 0.5.
        if (digits == 0 || (point && (digitsBeforePoint == 0 || digitsAfterPoint == 0)))
        {
            return false;
        }

        if (tooLong)
        {
            // The framework's parser rounds what a decimal cannot hold exactly: refuse it instead.
            if (FigureRules.Digits(text) is not null)
            {
                return false;
            }

            return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative && mantissa != 0, (byte)scale);
        return true;
    }

    /// <summary>Why a cell is not a number, and how to write it, for a cell that <see cref="TryParseNumber"/> rejected.</summary>
    public static string NotANumber(ReadOnlySpan<char> text)
    {
        var shown = Show(text);
        if (text.Contains(','))
        {
            return $"{shown} is not a number; use a point for decimals and no thousands separator";
        }

        if (text.EndsWith('%'))
        {
            return $"{shown} is not a number; leave out the % sign (the indicator's unit says what the figure measures)";
        }

        if (text.ContainsAny('e', 'E') && text.ContainsAnyInRange('0', '9') && !text.ContainsAnyExcept(ExponentNumberChars))
        {
            return $"{shown} is not a number; write it out in full, without an exponent";
        }

        if (text.StartsWith('+'))
        {
            return $"{shown} is not a number; leave out the + sign";
        }

        var unsigned = text.StartsWith('-') ? text[1..] : text;
        if (unsigned.StartsWith('.') || unsigned.EndsWith('.'))
        {
            return $"{shown} is not a number; write digits on both sides of the point, such as 0.5 or 6";
        }

        if (!text.ContainsAnyExcept(PlainNumberChars) && text.Count('.') <= 1 && text.LastIndexOf('-') <= 0 && text.ContainsAnyInRange('0', '9'))
        {
            // A number the framework can read (rounding it) was refused for its digits; one it cannot is too large.
            var fits = decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
            return (fits ? FigureRules.Digits(text) : null) ?? $"{shown} is too large a number";
        }

        return $"{shown} is not a number; expected digits with an optional leading - and a point for decimals, such as -12.5";
    }

    /// <summary>Reads a period code (<c>2008-09</c>, <c>2008-09-H1</c>, <c>2008-09-Q2</c>, <c>2008-09-M01</c>), ignoring the case of its letter.</summary>
    public static bool TryParsePeriod(ReadOnlySpan<char> text, out Period period)
    {
        Span<char> upper = stackalloc char[16];
        if (text.Length > upper.Length)
        {
            period = default;
            return false;
        }

        var length = text.ToUpperInvariant(upper);
        return Period.TryParse(upper[..length].ToString(), out period);
    }

    public static string NotAPeriod(ReadOnlySpan<char> text)
    {
        // Excel turns 2008-09 typed into a General cell into a date, which a workbook stores as a day number.
        var hint = !text.IsEmpty && !text.ContainsAnyExcept(PlainNumberChars)
            ? "; if Excel turned the code into a date, format the column as Text and type the codes again"
            : string.Empty;
        return $"{Show(text)} is not a period code; expected a year such as 2008-09, or a half, quarter or month of one: 2008-09-H1, 2008-09-Q2, 2008-09-M01{hint}";
    }

    /// <summary>A cell's text quoted for a message, cut short when it is long.</summary>
    public static string Show(ReadOnlySpan<char> text) =>
        text.Length <= MaxShown ? $"'{text}'" : $"'{text[..(MaxShown - 3)]}...'";

    public static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
