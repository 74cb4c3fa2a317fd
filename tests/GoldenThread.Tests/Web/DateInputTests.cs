using GoldenThread.Web.Forms;

namespace GoldenThread.Tests.Web;

/// <summary>The GOV.UK date input's reading: a date from day, month and year, or the problem and the fields at fault.</summary>
public sealed class DateInputTests
{
    [Theory]
    [InlineData("17", "7", "2009", 2009, 7, 17)]
    [InlineData(" 1 ", "01", "2010", 2010, 1, 1)]
    [InlineData("29", "2", "2012", 2012, 2, 29)]
    public void A_real_date_is_read(string day, string month, string year, int y, int m, int d)
    {
        var (date, problem) = DateInput.Read(new DateParts(day, month, year), "the date");

        Assert.Null(problem);
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("", "7", "2009", "The date must include a day", "day")]
    [InlineData("17", "", "", "The date must include a month and year", "month,year")]
    [InlineData("17", "7", "09", "The year of the date must include 4 numbers, like 2009", "year")]
    [InlineData("31", "4", "2010", "The date must be a real date", "day")]
    [InlineData("29", "2", "2010", "The date must be a real date", "day")]
    [InlineData("12", "13", "2010", "The date must be a real date", "month")]
    [InlineData("0", "0", "2010", "The date must be a real date", "day,month")]
    [InlineData("x", "7", "2010", "The date must be a real date", "day")]
    public void A_wrong_date_names_the_fields_at_fault_the_first_for_the_error_summary(string day, string month, string year, string message, string parts)
    {
        var (date, problem) = DateInput.Read(new DateParts(day, month, year), "the date");

        Assert.Null(date);
        Assert.Equal(message, problem?.Message);
        Assert.Equal(parts.Split(','), problem!.Parts);
        Assert.Equal(new FieldError($"due-{parts.Split(',')[0]}", message), problem.For("due"));
    }

    [Fact]
    public void Nothing_typed_is_no_date_and_no_problem()
    {
        Assert.Equal((null, null), DateInput.Read(new DateParts(" ", null, ""), "the date"));
        Assert.Equal(new DateParts("9", "7", "2010"), DateParts.Of(new DateOnly(2010, 7, 9)));
    }
}
