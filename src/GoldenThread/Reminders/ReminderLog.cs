using GoldenThread.Domain.Returns;

namespace GoldenThread.Reminders;

/// <summary>The reminders' log messages, generated so that a disabled level costs nothing.</summary>
internal static partial class ReminderLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is not configured, so no reminders are planned; My tasks still shows what is due.")]
    public static partial void NoMail(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} reminders on {Today}.")]
    public static partial void Queued(this ILogger logger, int count, DateOnly today);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Key} was sent already.")]
    public static partial void AlreadySent(this ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Key} is not sent: the return no longer exists or has no assignee.")]
    public static partial void NoReturn(this ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Key} is not sent: it no longer applies (the return is {State}).")]
    public static partial void NoLongerApplies(this ILogger logger, string key, ReturnState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Key} is not sent: neither the return's assignee nor a deputy has an active account with an email address.")]
    public static partial void NoRecipient(this ILogger logger, string key);
}
