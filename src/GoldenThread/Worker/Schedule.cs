using System.Globalization;

namespace GoldenThread.Worker;

/// <summary>
/// When a recurring job runs next. Every worker works out the same next run from the same moment (daily at a
/// time of day in UTC, or every so often counted from midnight UTC), so the run's key is the same for all.
/// </summary>
public abstract record Schedule
{
    /// <summary>The first run strictly after <paramref name="after"/>.</summary>
    public abstract DateTimeOffset Next(DateTimeOffset after);

    public static Schedule DailyAt(TimeOnly timeOfDay) => new Daily(timeOfDay);

    public static Schedule Every(TimeSpan interval) => new Interval(interval);

    /// <summary>Each day at a time of day, in UTC.</summary>
    public sealed record Daily(TimeOnly TimeOfDay) : Schedule
    {
        public override DateTimeOffset Next(DateTimeOffset after)
        {
            var utc = after.ToUniversalTime();
            var today = new DateTimeOffset(DateOnly.FromDateTime(utc.UtcDateTime).ToDateTime(TimeOfDay), TimeSpan.Zero);
            return today > utc ? today : today.AddDays(1);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"daily at {TimeOfDay:HH:mm} UTC");
    }

    /// <summary>Every <see cref="Length"/>, on the marks counted from midnight UTC (every 15 minutes: :00, :15, :30, :45).</summary>
    public sealed record Interval : Schedule
    {
        public Interval(TimeSpan length)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(length, TimeSpan.FromSeconds(1));
            Length = length;
        }

        public TimeSpan Length { get; }

        public override DateTimeOffset Next(DateTimeOffset after)
        {
            var utc = after.ToUniversalTime();
            var midnight = new DateTimeOffset(utc.UtcDateTime.Date, TimeSpan.Zero);
            var marks = ((utc - midnight).Ticks / Length.Ticks) + 1;
            return midnight + TimeSpan.FromTicks(marks * Length.Ticks);
        }

        public override string ToString() => $"every {Length}";
    }
}

/// <summary>A job that runs on a schedule: its kind, when, and the payload each run gets.</summary>
public sealed record RecurringJob(string Kind, Schedule Schedule, string Payload = "{}", int MaxAttempts = JobQueue.DefaultMaxAttempts)
{
    /// <summary>The key of the run due at <paramref name="dueAt"/>, the same in every worker.</summary>
    public string KeyFor(DateTimeOffset dueAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}@{dueAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
}
