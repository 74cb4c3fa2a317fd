using GoldenThread.Domain.Access;

namespace GoldenThread.Demo;

/// <summary>
/// A demonstration person: their role, and the password (and, for the administrator, the authenticator key)
/// made for this run of <c>serve --demo</c>, printed by the command and shown on the sign-in page in demo mode only.
/// </summary>
public sealed record DemoAccount(Role Role, string Email, string FullName, string Organisation, string Password, string? AuthenticatorKey, string Holds);
