namespace GoldenThread.Web.Forms;

/// <summary>One GOV.UK password input (with its show and hide button), drawn by <c>_PasswordInput.cshtml</c>.</summary>
/// <param name="Id">The input's id, which the error summary links to.</param>
/// <param name="Name">The form field's name.</param>
/// <param name="Label">The visible label.</param>
/// <param name="Autocomplete"><c>current-password</c> or <c>new-password</c>.</param>
/// <param name="Hint">A hint under the label, or null.</param>
/// <param name="Error">The problem with what was entered, or null.</param>
public sealed record PasswordInput(string Id, string Name, string Label, string Autocomplete, string? Hint, string? Error);
