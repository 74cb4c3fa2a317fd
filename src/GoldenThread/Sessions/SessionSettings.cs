namespace GoldenThread.Sessions;

/// <summary>
/// How long a session lasts: ended after <see cref="IdleMinutes"/> without use, and <see cref="AbsoluteHours"/> after
/// signing in however much it is used; stricter for administrators. From the <c>GoldenThread:Sessions</c> settings
/// (<c>GoldenThread__Sessions__IdleMinutes</c> and so on), the defaults where unset.
/// </summary>
/// <param name="IdleMinutes">Minutes without a request after which a session ends.</param>
/// <param name="AbsoluteHours">Hours after signing in at which a session ends, however much it is used.</param>
/// <param name="AdministratorIdleMinutes">The idle limit for a person who holds the administrator role.</param>
/// <param name="AdministratorAbsoluteHours">The absolute limit for a person who holds the administrator role.</param>
/// <param name="ReauthenticationMinutes">How long proving who you are again (or signing in) covers sensitive changes.</param>
public sealed record SessionSettings(
    int IdleMinutes = 60,
    int AbsoluteHours = 12,
    int AdministratorIdleMinutes = 30,
    int AdministratorAbsoluteHours = 12,
    int ReauthenticationMinutes = 5)
{
    public const string Section = "GoldenThread:Sessions";

    /// <summary>How often a session's last use is written: more often would be a write on every request.</summary>
    public static TimeSpan LastSeenResolution { get; } = TimeSpan.FromMinutes(1);

    public TimeSpan Idle(bool administrator) => TimeSpan.FromMinutes(administrator ? AdministratorIdleMinutes : IdleMinutes);

    public TimeSpan Absolute(bool administrator) => TimeSpan.FromHours(administrator ? AdministratorAbsoluteHours : AbsoluteHours);

    public TimeSpan Reauthentication => TimeSpan.FromMinutes(ReauthenticationMinutes);

    /// <summary>The settings in configuration; a clear error naming the setting for a value that is not a whole number above zero.</summary>
    public static SessionSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new SessionSettings();
        return new SessionSettings(
            Web.Settings.PositiveWholeNumber(section, nameof(IdleMinutes), defaults.IdleMinutes),
            Web.Settings.PositiveWholeNumber(section, nameof(AbsoluteHours), defaults.AbsoluteHours),
            Web.Settings.PositiveWholeNumber(section, nameof(AdministratorIdleMinutes), defaults.AdministratorIdleMinutes),
            Web.Settings.PositiveWholeNumber(section, nameof(AdministratorAbsoluteHours), defaults.AdministratorAbsoluteHours),
            Web.Settings.PositiveWholeNumber(section, nameof(ReauthenticationMinutes), defaults.ReauthenticationMinutes));
    }
}
