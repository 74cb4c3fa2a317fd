using System.Globalization;
using GoldenThread.Domain.Periods;
using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>The cell formats of the contract: numbers and period codes, and the decimal text of workbook numbers.</summary>
public sealed class CellsTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("12.5", "12.5")]
    [InlineData("12.50", "12.50")]
    [InlineData("-0.125", "-0.125")]
    [InlineData("-0", "0")]
    [InlineData("007", "7")]
    [InlineData("1234567890123456789", "1234567890123456789")]
    [InlineData("12345678901234567890.5", "12345678901234567890.5")]
    [InlineData("0.0000000000000000000001", "0.0000000000000000000001")]
    public void TryParseNumber_ContractNumber_ReadsTheExactDecimal(string text, string expected)
    {
        Assert.True(Cells.TryParseNumber(text, out var value));

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void TryParseNumber_TrailingZeros_KeepsTheScale()
    {
        Assert.True(Cells.TryParseNumber("1.500", out var value));

        Assert.Equal("1.500", value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("+5")]
    [InlineData("1,5")]
    [InlineData("1 000")]
    [InlineData("1e5")]
    [InlineData("5%")]
    [InlineData("1.2.3")]
    [InlineData("--5")]
    [InlineData("5-")]
    [InlineData("£5")]
    [InlineData("99999999999999999999999999999")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("6.")]
    [InlineData("-6.")]
    [InlineData("12345678901234567890.")]
    public void TryParseNumber_AnythingElse_IsNotANumber(string text)
    {
        Assert.False(Cells.TryParseNumber(text, out _));
    }

    [Theory]
    [InlineData(".5")]
    [InlineData("6.")]
    [InlineData("-.5")]
    public void NotANumber_PointWithoutDigitsOnBothSides_SaysToWriteThem(string text)
    {
        Assert.Equal($"'{text}' is not a number; write digits on both sides of the point, such as 0.5 or 6", Cells.NotANumber(text));
    }

    [Fact]
    public void NotANumber_HugeNumber_SaysItIsTooLarge()
    {
        Assert.Equal("'99999999999999999999999999999' is too large a number", Cells.NotANumber("99999999999999999999999999999"));
    }

    [Theory]
    [InlineData("0.12345678901234567890123456789")]
    [InlineData("1.0000000000000000000000000000")]
    [InlineData("0.00000000000000000000000000001")]
    public void TryParseNumber_MoreDigitsThanADecimalHolds_IsRefusedNotRounded(string text)
    {
        Assert.False(Cells.TryParseNumber(text, out _));
        Assert.Contains("cannot be stored exactly", Cells.NotANumber(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.1234567890123456789012345678")]
    [InlineData("1234567890123456789012345678")]
    [InlineData("-0.0000000000000000000000000001")]
    public void TryParseNumber_TwentyEightDigits_IsExact(string text)
    {
        Assert.True(Cells.TryParseNumber(text, out var value));
        Assert.Equal(text, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2008-09", "2008-09")]
    [InlineData("2008-09-h2", "2008-09-H2")]
    [InlineData("1999-00-M12", "1999-00-M12")]
    public void TryParsePeriod_PeriodCode_ReadsItInAnyCase(string text, string expected)
    {
        Assert.True(Cells.TryParsePeriod(text, out var period));

        Assert.Equal(Period.Parse(expected), period);
    }

    [Theory]
    [InlineData("12.5", "12.5")]
    [InlineData("100", "100")]
    [InlineData("12.499999999999998", "12.5")]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("-1234.5678900000001", "-1234.56789")]
    [InlineData("1.5E-3", "0.0015")]
    [InlineData("2E+21", "2000000000000000000000")]
    [InlineData("123456789012345", "123456789012345")]
    public void NumberText_NumericCell_IsTheDecimalExcelShows(string stored, string expected)
    {
        Assert.Equal(expected, WorksheetTableSource.NumberText(stored));
    }
}
