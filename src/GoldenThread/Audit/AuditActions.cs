namespace GoldenThread.Audit;

/// <summary>The words stored in <see cref="AuditEntry.Action"/>, with what people read for them.</summary>
public static class AuditActions
{
    public const string SignedIn = "signed_in";
    public const string SignInFailed = "sign_in_failed";
    public const string LockedOut = "locked_out";
    public const string SignedOut = "signed_out";
    public const string PasswordResetRequested = "password_reset_requested";
    public const string PasswordReset = "password_reset";
    public const string PasswordChanged = "password_changed";
    public const string TwoFactorEnabled = "two_factor_enabled";
    public const string TwoFactorDisabled = "two_factor_disabled";
    public const string PersonCreated = "person_created";
    public const string PersonChanged = "person_changed";
    public const string OrganisationChanged = "organisation_changed";
    public const string PersonDeactivated = "person_deactivated";
    public const string PersonReactivated = "person_reactivated";
    public const string LockoutEnded = "lockout_ended";
    public const string RoleGranted = "role_granted";
    public const string RoleRemoved = "role_removed";
    public const string OrganisationCreated = "organisation_created";
    public const string OrganisationRenamed = "organisation_renamed";
    public const string IndicatorChanged = "indicator_changed";
    public const string TokenCreated = "token_created";
    public const string TokenRevoked = "token_revoked";
    public const string TokenRefused = "token_refused";
    public const string TokensDeleted = "tokens_deleted";
    public const string FigureSubmitted = "figure_submitted";
    public const string FigureWithdrawn = "figure_withdrawn";
    public const string ReturnsIssued = "returns_issued";
    public const string ReturnSaved = "return_saved";
    public const string ReturnSubmitted = "return_submitted";
    public const string SessionEnded = "session_ended";
    public const string Reauthenticated = "reauthenticated";
    public const string ReauthenticationFailed = "reauthentication_failed";
    public const string BundleImported = "bundle_imported";
    public const string AccessDenied = "access_denied";
    public const string TolerancesChanged = "tolerances_changed";
    public const string ReturnAccepted = "return_accepted";
    public const string ReturnQueried = "return_queried";
    public const string ReturnSignedOff = "return_signed_off";
    public const string ReturnReopened = "return_reopened";
    public const string ReturnChased = "return_chased";
    public const string TimetableGenerated = "timetable_generated";
    public const string TimetableEdited = "timetable_edited";
    public const string TimetablePatternChanged = "timetable_pattern_changed";
    public const string BankHolidayAdded = "bank_holiday_added";
    public const string FormsIssued = "forms_issued";
    public const string CycleClosed = "cycle_closed";
    public const string ExceptionRaised = "exception_raised";
    public const string ExceptionWritten = "exception_written";
    public const string ExceptionConsidered = "exception_considered";
    public const string ExceptionClosed = "exception_closed";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [SignedIn] = "Signed in",
        [SignInFailed] = "Sign-in failed",
        [LockedOut] = "Locked out",
        [SignedOut] = "Signed out",
        [PasswordResetRequested] = "Password reset requested",
        [PasswordReset] = "Password reset",
        [PasswordChanged] = "Password changed",
        [TwoFactorEnabled] = "Two-factor sign-in turned on",
        [TwoFactorDisabled] = "Two-factor sign-in turned off",
        [PersonCreated] = "Person added",
        [PersonChanged] = "Person's details changed",
        [OrganisationChanged] = "Person's organisation changed",
        [PersonDeactivated] = "Person deactivated",
        [PersonReactivated] = "Person reactivated",
        [LockoutEnded] = "Lockout ended",
        [RoleGranted] = "Role granted",
        [RoleRemoved] = "Role removed",
        [OrganisationCreated] = "Organisation added",
        [OrganisationRenamed] = "Organisation renamed",
        [IndicatorChanged] = "Indicator's details changed",
        [TokenCreated] = "API token created",
        [TokenRevoked] = "API token revoked",
        [TokenRefused] = "API token refused",
        [TokensDeleted] = "Old API tokens deleted",
        [FigureSubmitted] = "Figure submitted",
        [FigureWithdrawn] = "Figure withdrawn",
        [ReturnsIssued] = "Returns issued",
        [ReturnSaved] = "Return saved",
        [ReturnSubmitted] = "Return submitted",
        [SessionEnded] = "Session ended",
        [Reauthenticated] = "Confirmed it was them",
        [ReauthenticationFailed] = "Failed to confirm it was them",
        [BundleImported] = "Bundle imported",
        [AccessDenied] = "Access denied",
        [TolerancesChanged] = "System tolerances changed",
        [ReturnAccepted] = "Return quality-assured",
        [ReturnQueried] = "Return queried",
        [ReturnSignedOff] = "Return signed off",
        [ReturnReopened] = "Return reopened after sign-off",
        [ReturnChased] = "Return chased",
        [TimetableGenerated] = "Timetable generated",
        [TimetableEdited] = "Timetable date changed",
        [TimetablePatternChanged] = "Timetable pattern changed",
        [BankHolidayAdded] = "Holiday added",
        [FormsIssued] = "Forms issued",
        [CycleClosed] = "Cycle closed",
        [ExceptionRaised] = "Exception report raised",
        [ExceptionWritten] = "Exception report written",
        [ExceptionConsidered] = "Exception report considered",
        [ExceptionClosed] = "Exception report closed",
    };

    public static IReadOnlyCollection<string> All => Names.Keys;

    /// <summary>What people read for an action word; the word itself if it is not known.</summary>
    public static string Describe(string action) => Names.GetValueOrDefault(action, action);
}
