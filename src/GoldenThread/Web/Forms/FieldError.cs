namespace GoldenThread.Web.Forms;

/// <summary>A problem with one form field, shown in the GOV.UK error summary and beside the field.</summary>
public sealed record FieldError(string Field, string Message);
