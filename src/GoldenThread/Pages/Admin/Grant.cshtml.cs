using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Domain.Access;
using GoldenThread.Pages.Scorecard;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Admin;

/// <summary>
/// <c>/admin/people/{id}/grant</c>: granting a role in two steps that work without JavaScript: first the role,
/// then what it is held for, asking only for what the role's scope needs (an indicator, an indicator and an
/// area, or a body).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class GrantModel(GoldenThreadDb db, PeopleQueries people) : AdminPageModel
{
    private static readonly Dictionary<Role, string> Hints = new()
    {
        [Role.Administrator] = "The central support team: organisations, people, roles and the framework. Must sign in with an authenticator app.",
        [Role.PerformanceOfficer] = "Collects and checks returns for their own organisation’s indicators.",
        [Role.IndicatorOwner] = "Accountable for calculating one indicator accurately.",
        [Role.IndicatorDeputy] = "Stands in for one indicator’s owner.",
        [Role.DeliveryLead] = "Accountable for one indicator’s target in one area, reporting quarterly.",
        [Role.TargetSponsor] = "The senior manager who supports the delivery lead for one indicator in one area.",
        [Role.BodyMember] = "Sits on one board or partnership.",
        [Role.Auditor] = "Reads everything, including the audit trail, and changes nothing.",
    };

    public int Id { get; private set; }

    public PersonSummary Person { get; private set; } = null!;

    /// <summary>The role chosen, once it is known; until then the page asks for it.</summary>
    public Role? Chosen { get; private set; }

    public RoleScope Scope => Roles.ScopeOf(Chosen ?? Role.Administrator);

    [BindProperty(SupportsGet = true, Name = "role")]
    public string? RoleCode { get; set; }

    [BindProperty(Name = "indicator")]
    public string? Indicator { get; set; }

    [BindProperty(Name = "area")]
    public string? Area { get; set; }

    [BindProperty(Name = "body")]
    public string? Body { get; set; }

    public IReadOnlyList<SelectOption> IndicatorOptions { get; private set; } = [];

    public IReadOnlyList<SelectOption> AreaOptions { get; private set; } = [];

    public IReadOnlyList<SelectOption> BodyOptions { get; private set; } = [];

    public static string Hint(Role role) => Hints[role];

    public static string ScopeHint(Role role) => Roles.ScopeOf(role) switch
    {
        RoleScope.Everywhere => "Held everywhere.",
        RoleScope.Indicator => "Held for one indicator.",
        RoleScope.IndicatorInArea => "Held for one indicator in one area.",
        _ => "Held for one board or partnership.",
    };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (RoleCode is not null && Chosen is null)
        {
            Errors.Add(new FieldError("role", "Choose a role"));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] GrantRole grant, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Done(await grant.RunAsync(await ActorAsync(), new RoleGrant(id, RoleCode, Indicator, Area, Body), cancellationToken)))
        {
            return Redirect($"/admin/people/{id}");
        }

        return Page();
    }

    public SelectField IndicatorField => Field("indicator", "Indicator", IndicatorOptions, Indicator, "Choose an indicator");

    public SelectField AreaField => Field("area", "Area", AreaOptions, Area, "Choose an area");

    public SelectField BodyField => Field("body", "Board or partnership", BodyOptions, Body, "Choose a board or partnership");

    private SelectField Field(string name, string label, IReadOnlyList<SelectOption> options, string? selected, string none) =>
        new(name, label, [new SelectGroup(null, [new SelectOption(string.Empty, none), .. options])], selected ?? string.Empty, ErrorFor(name));

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(id, cancellationToken) is not { } person)
        {
            return false;
        }

        Id = id;
        Person = person;
        Chosen = Roles.TryParse(RoleCode, out var role) ? role : null;
        if (Chosen is not { } chosen)
        {
            return true;
        }

        var scope = Roles.ScopeOf(chosen);
        if (scope is RoleScope.Indicator or RoleScope.IndicatorInArea)
        {
            IndicatorOptions = await db.Indicators.AsNoTracking().OrderBy(i => i.Code)
                .Select(i => new SelectOption(i.Code, i.Code + ": " + i.Title)).ToListAsync(cancellationToken);
        }

        if (scope is RoleScope.IndicatorInArea)
        {
            AreaOptions = await db.Areas.AsNoTracking().OrderBy(a => a.Name)
                .Select(a => new SelectOption(a.Code, a.Name + " (" + a.Code + ")")).ToListAsync(cancellationToken);
        }

        if (scope is RoleScope.Body)
        {
            BodyOptions = await db.Bodies.AsNoTracking().OrderBy(b => b.Name)
                .Select(b => new SelectOption(b.Code, b.Name + " (" + b.Code + ")")).ToListAsync(cancellationToken);
        }

        return true;
    }
}
