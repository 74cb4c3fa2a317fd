using GoldenThread.Access;
using GoldenThread.Actions;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Pages.Admin;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Actions;

/// <summary>A GOV.UK textarea with its label, hint and error (the <c>_TextArea</c> partial).</summary>
public sealed record TextAreaField(string Name, string Label, string? Value, string? Error, int MaxLength, string? Hint = null, int Rows = 4);

/// <summary>
/// What the ladder's record pages share (stage 1 actions, action plans, report requests, the half-yearly report): the
/// signed-in person, the success banner and field problems of <see cref="AdminPageModel"/>, and a refusal's 400.
/// </summary>
public abstract class ActionsPageModel : AdminPageModel
{
    protected async Task<SignedInPerson> PersonAsync() =>
        await HttpContext.RequestServices.GetRequiredService<CurrentPerson>().GetAsync(HttpContext.RequestAborted)
        ?? throw new InvalidOperationException("The page is for signed-in people only.");

    protected async Task<Actor> ActorOfAsync() => (await PersonAsync()).Actor;

    /// <summary>The indicators and areas the person may choose on the page's form (none until <see cref="LoadChoicesAsync"/>).</summary>
    public PairChoices Choices { get; private set; } = PairChoices.None;

    protected async Task LoadChoicesAsync(GoldenThreadDb db, PairPurpose purpose, CancellationToken cancellationToken) =>
        Choices = await PairChoices.ForAsync(db, (await PersonAsync()).Actor, purpose, cancellationToken);

    /// <summary>Nothing chosen for the indicator or the area: the problems, added to the page's; false when there are none.</summary>
    protected bool PairMissing(string? indicator, string? area)
    {
        var problems = Choices.Check(indicator, area);
        Errors.AddRange(problems);
        return problems.Count > 0;
    }

    /// <summary>The form's "Indicator" select (field <c>indicator</c>).</summary>
    public SelectField IndicatorChoice(string? selected) => Choices.IndicatorField("indicator", selected, ErrorFor("indicator"));

    /// <summary>The form's "Area" select (field <c>area</c>).</summary>
    public SelectField AreaChoice(string? selected) => Choices.AreaField("area", selected, ErrorFor("area"));

    /// <summary>After a refused change: the page again, with its problems, as a 400.</summary>
    protected IActionResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public TextAreaField Area(string name, string label, string? value, int maxLength, string? hint = null, int rows = 4) =>
        new(name, label, value, ErrorFor(name), maxLength, hint, rows);

    public TextField Text(string name, string label, string? value, string? hint = null, string width = "govuk-!-width-one-half") =>
        new(name, label, value, ErrorFor(name), hint, WidthClass: width);

    public SelectField StatusField(ActionStatus? selected) => new(
        "status",
        "Status",
        [new SelectGroup(null, [.. Enum.GetValues<ActionStatus>().Select(s => new SelectOption(Domain.Codes.Of(s), ActionFields.StatusName(s)))])],
        selected is { } s ? Domain.Codes.Of(s) : null,
        ErrorFor("status"));

    public SelectField PriorityField(ActionPriority? selected) => new(
        "priority",
        "Priority",
        [new SelectGroup(null, [.. Enum.GetValues<ActionPriority>().Select(p => new SelectOption(Domain.Codes.Of(p), ActionFields.PriorityName(p)))])],
        Domain.Codes.Of(selected ?? ActionPriority.Medium),
        ErrorFor("priority"));

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "Not set";

    public static string When(DateTimeOffset? at) => at is { } t ? Administration.PersonStatus.When(t) : "";
}
