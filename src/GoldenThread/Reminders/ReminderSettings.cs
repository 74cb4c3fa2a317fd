using GoldenThread.Domain.Reminders;

namespace GoldenThread.Reminders;

/// <summary>
/// How reminders are planned, from <c>GoldenThread:Reminders</c> (environment variable
/// <c>GoldenThread__Reminders__DaysBefore</c>): how many working days before a return's deadline the first reminder goes.
/// The mail server, and the site's address for the links, are the <c>GoldenThread:Mail</c> settings.
/// </summary>
public sealed record ReminderSettings(int DaysBefore = ReminderRules.DefaultDaysBefore)
{
    public const string Section = "GoldenThread:Reminders";

    /// <summary>The settings in configuration; a value that is not a whole number above zero stops the start with a message naming it.</summary>
    public static ReminderSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new ReminderSettings(Web.Settings.PositiveWholeNumber(section, nameof(DaysBefore), ReminderRules.DefaultDaysBefore));
    }
}
