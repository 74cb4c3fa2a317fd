using GoldenThread.Reminders;
using Microsoft.Extensions.Configuration;

namespace GoldenThread.Tests.Reminders;

/// <summary>The reminders' setting: a whole number of working days, 3 unless set, and a message naming it when it is wrong.</summary>
public sealed class ReminderSettingsTests
{
    [Theory]
    [InlineData(null, 3)]
    [InlineData("", 3)]
    [InlineData("5", 5)]
    public void DaysBefore_IsReadOrDefaults(string? value, int expected) =>
        Assert.Equal(new ReminderSettings(expected), ReminderSettings.From(Configuration(value)));

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("three")]
    public void DaysBefore_ThatIsNotAWholeNumberAboveZero_StopsTheStartNamingTheSetting(string value)
    {
        var error = Assert.Throws<UserFacingException>(() => ReminderSettings.From(Configuration(value)));
        Assert.Equal($"GoldenThread:Reminders:DaysBefore must be a whole number above zero, not '{value}'.", error.Message);
    }

    [Fact]
    public void ReturnLink_IsAbsoluteWithTheSiteAddress_ElseThePath()
    {
        Assert.Equal("https://performance.council.example/perf/returns/12", ReminderMessages.ReturnLink(12, new Uri("https://performance.council.example/perf/")));
        Assert.Equal("https://performance.council.example/returns/12", ReminderMessages.ReturnLink(12, new Uri("https://performance.council.example")));
        Assert.Equal("/returns/12", ReminderMessages.ReturnLink(12, null));
    }

    private static IConfiguration Configuration(string? days) =>
        new ConfigurationBuilder().AddInMemoryCollection(days is null ? [] : [new("GoldenThread:Reminders:DaysBefore", days)]).Build();
}
