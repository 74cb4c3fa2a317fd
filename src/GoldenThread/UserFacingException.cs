namespace GoldenThread;

/// <summary>An error whose message is written for the person at the terminal; printed without a stack trace.</summary>
public sealed class UserFacingException(string message) : Exception(message);
