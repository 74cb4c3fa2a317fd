using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

public partial class PeriodTests
{
    [Theory]
    [InlineData("2008-09", 2008, PeriodKind.Year, 1)]
    [InlineData("2008-09-H1", 2008, PeriodKind.HalfYear, 1)]
    [InlineData("2008-09-H2", 2008, PeriodKind.HalfYear, 2)]
    [InlineData("2008-09-Q1", 2008, PeriodKind.Quarter, 1)]
    [InlineData("2008-09-Q4", 2008, PeriodKind.Quarter, 4)]
    [InlineData("2008-09-M01", 2008, PeriodKind.Month, 1)]
    [InlineData("2008-09-M12", 2008, PeriodKind.Month, 12)]
    public void Parse_ValidCode_ReadsYearKindAndIndex(string code, int year, PeriodKind kind, int index)
    {
        var period = Period.Parse(code);

        Assert.Equal(year, period.Year);
        Assert.Equal(kind, period.Kind);
        Assert.Equal(index, period.Index);
    }

    [Fact]
    public void Parse_CenturyRollover_ReadsTheYearStartingIn1999()
    {
        var period = Period.Parse("1999-00-Q3");

        Assert.Equal(1999, period.Year);
        Assert.Equal("1999-00-Q3", period.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2008")]
    [InlineData("2008-9")]
    [InlineData("2008-10")]
    [InlineData("2008-08")]
    [InlineData("2008/09")]
    [InlineData(" 2008-09")]
    [InlineData("2008-09 ")]
    [InlineData("2008-09-")]
    [InlineData("2008-09-Q")]
    [InlineData("2008-09-Q0")]
    [InlineData("2008-09-Q5")]
    [InlineData("2008-09-Q01")]
    [InlineData("2008-09-q1")]
    [InlineData("2008-09-Q1x")]
    [InlineData("2008-09Q1")]
    [InlineData("2008-09-H0")]
    [InlineData("2008-09-H3")]
    [InlineData("2008-09-M1")]
    [InlineData("2008-09-M00")]
    [InlineData("2008-09-M13")]
    [InlineData("2008-09-M001")]
    [InlineData("2008-09-X1")]
    [InlineData("2008-09-Y1")]
    [InlineData("1899-00")]
    [InlineData("3000-01")]
    [InlineData("２008-09")]
    public void TryParse_MalformedCode_ReturnsFalse(string code)
    {
        var parsed = Period.TryParse(code, out _);

        Assert.False(parsed);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        var parsed = Period.TryParse(null, out _);

        Assert.False(parsed);
    }

    [Fact]
    public void Parse_MalformedCode_ThrowsFormatExceptionNamingTheCode()
    {
        var exception = Assert.Throws<FormatException>(() => Period.Parse("2008-09-Q5"));

        Assert.Contains("2008-09-Q5", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2008-09", "2008/09")]
    [InlineData("2008-09-H2", "2008/09 H2")]
    [InlineData("2008-09-Q1", "2008/09 Q1")]
    [InlineData("2008-09-M03", "2008/09 M03")]
    [InlineData("1999-00", "1999/00")]
    public void DisplayName_AnyPeriod_IsShownWithASlash(string code, string displayName)
    {
        var period = Period.Parse(code);

        Assert.Equal(displayName, period.DisplayName);
    }

    [Theory]
    [InlineData("2008-09")]
    [InlineData("2008-09-H1")]
    [InlineData("2008-09-Q2")]
    [InlineData("2008-09-M07")]
    public void ToString_AnyPeriod_IsTheCode(string code)
    {
        var period = Period.Parse(code);

        Assert.Equal(code, period.ToString());
        Assert.Equal(code, period.Code);
    }

    [Fact]
    public void OfYear_Year_IsTheYearCode()
    {
        var year = Period.OfYear(2008);

        Assert.Equal(Period.Parse("2008-09"), year);
    }

    [Theory]
    [InlineData(1899, PeriodKind.Year, 1)]
    [InlineData(3000, PeriodKind.Year, 1)]
    [InlineData(2008, PeriodKind.Quarter, 0)]
    [InlineData(2008, PeriodKind.Quarter, 5)]
    [InlineData(2008, PeriodKind.HalfYear, 3)]
    [InlineData(2008, PeriodKind.Month, 13)]
    [InlineData(2008, PeriodKind.Year, 2)]
    [InlineData(2008, (PeriodKind)2, 1)]
    public void Create_OutOfRange_Throws(int year, PeriodKind kind, int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Create(year, kind, index));
    }

    [Theory]
    [InlineData(PeriodKind.Year, 1)]
    [InlineData(PeriodKind.HalfYear, 2)]
    [InlineData(PeriodKind.Quarter, 4)]
    [InlineData(PeriodKind.Month, 12)]
    public void PeriodsPerYear_EachKind_DividesTheYear(PeriodKind kind, int count)
    {
        Assert.Equal(count, Period.PeriodsPerYear(kind));
    }
}
