namespace GoldenThread.Web.Forms;

/// <summary>One option of a GOV.UK select.</summary>
public sealed record SelectOption(string Value, string Text);

/// <summary>Options under an optgroup label, or loose options when the label is null.</summary>
public sealed record SelectGroup(string? Label, IReadOnlyList<SelectOption> Options);

/// <summary>A GOV.UK select with its label and, when the value was wrong, its error message (the _Select partial).</summary>
public sealed record SelectField(string Name, string Label, IReadOnlyList<SelectGroup> Groups, string? Selected, string? Error)
{
    /// <summary>The select's width: the whole column unless told otherwise (a GOV.UK width class, or empty for its natural width).</summary>
    public string WidthClass { get; init; } = "govuk-!-width-full";

    /// <summary>The select's id when it is not its name (the error summary links to the id).</summary>
    public string Id { get => _id ?? Name; init => _id = value; }

    /// <summary>A hint under the label, or null.</summary>
    public string? Hint { get; init; }

    private readonly string? _id;
}
