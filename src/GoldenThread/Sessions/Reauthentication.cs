namespace GoldenThread.Sessions;

/// <summary>
/// Sensitive changes (turning off two-factor sign-in, making an API token) need the person to have proved who they
/// are in this session within the last few minutes (<see cref="SessionSettings.ReauthenticationMinutes"/>): signing in
/// counts, and so does the confirm page, whose proof then covers several changes.
/// </summary>
public static class Reauthentication
{
    public const string Path = "/account/confirm";

    /// <summary>The confirm page, which sends the person back to <paramref name="returnUrl"/> once they have confirmed.</summary>
    public static string PathFor(string returnUrl) => Path + "?returnUrl=" + Uri.EscapeDataString(returnUrl);
}
