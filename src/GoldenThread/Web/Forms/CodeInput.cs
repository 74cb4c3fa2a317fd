namespace GoldenThread.Web.Forms;

/// <summary>The field for an authenticator app's code (posted as <c>Code</c>), drawn by <c>_CodeInput.cshtml</c>.</summary>
public sealed record CodeInput(string Id, string Label, string? Error)
{
    /// <summary>The code as typed, without the spaces and hyphens some apps show in it.</summary>
    public static string Normalise(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>What is wrong with a normalised code, or null when it is six digits.</summary>
    public static string? Problem(string code) =>
        code.Length == 0 ? "Enter the 6-digit code from your authenticator app"
        : code.Length != 6 || !code.All(char.IsAsciiDigit) ? "Enter the code as 6 digits, like 123456"
        : null;
}
