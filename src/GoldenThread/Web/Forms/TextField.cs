namespace GoldenThread.Web.Forms;

/// <summary>A GOV.UK text input with its label, hint and error message (the _TextInput partial).</summary>
public sealed record TextField(string Name, string Label, string? Value, string? Error, string? Hint = null, string Type = "text", string? Autocomplete = null, string WidthClass = "")
{
    public bool Spellcheck { get; init; } = true;

    /// <summary>The input's id when it is not its name (the error summary links to the id).</summary>
    public string Id { get => _id ?? Name; init => _id = value; }

    private readonly string? _id;
}
