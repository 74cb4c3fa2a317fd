using GoldenThread.Access;
using GoldenThread.Domain;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Indicators;
using GoldenThread.Pages.Admin;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Indicators;

/// <summary>
/// <c>/indicators/{code}/edit</c>: the central team changes what the quarterly cycle needs of an indicator (its
/// definition and calculation, data source, type, data quality rating, risk level, internal audit) and who owns it
/// and deputises for it, all at once, through <see cref="ChangeIndicator"/>.
/// </summary>
[Authorize(Policy = Policies.CentralTeam)]
public sealed class EditModel(GoldenThreadDb db) : AdminPageModel
{
    public string Code { get; private set; } = string.Empty;

    public string IndicatorTitle { get; private set; } = string.Empty;

    [BindProperty(Name = "definition")]
    public string? Definition { get; set; }

    [BindProperty(Name = "data-source")]
    public string? DataSource { get; set; }

    [BindProperty(Name = "type")]
    public string? Type { get; set; }

    [BindProperty(Name = "data-quality")]
    public string? DataQuality { get; set; }

    [BindProperty(Name = "risk-level")]
    public string? RiskLevel { get; set; }

    [BindProperty(Name = "audited")]
    public string? Audited { get; set; }

    [BindProperty(Name = "owner")]
    public string? Owner { get; set; }

    [BindProperty(Name = "deputy")]
    public string? Deputy { get; set; }

    /// <summary>The active people, by organisation then name, to choose an owner and a deputy from.</summary>
    public IReadOnlyList<SelectGroup> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (indicator is null)
        {
            return NotFound();
        }

        Code = indicator.Code;
        IndicatorTitle = indicator.Title;
        Definition = indicator.Definition;
        DataSource = indicator.DataSource;
        Type = indicator.Type is { } type ? Codes.Of(type) : string.Empty;
        DataQuality = indicator.DataQuality is { } quality ? Codes.Of(quality) : string.Empty;
        RiskLevel = indicator.RiskLevel is { } risk ? Codes.Of(risk) : string.Empty;
        Audited = indicator.Audited ? "yes" : "no";
        Owner = await FirstHolderAsync(indicator.Id, Role.IndicatorOwner, cancellationToken);
        Deputy = await FirstHolderAsync(indicator.Id, Role.IndicatorDeputy, cancellationToken);
        People = await PeopleAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, [FromServices] ChangeIndicator change, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.Select(i => new { i.Code, i.Title }).SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (indicator is null)
        {
            return NotFound();
        }

        var request = new IndicatorChange(indicator.Code, Definition, DataSource, Type, DataQuality, RiskLevel, Audited, Owner, Deputy);
        if (Done(await change.RunAsync(await ActorAsync(), request, cancellationToken)))
        {
            return Redirect(IndicatorLinks.Edit(indicator.Code));
        }

        Code = indicator.Code;
        IndicatorTitle = indicator.Title;
        People = await PeopleAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public TextField DataSourceField => new("data-source", "Data source", DataSource, ErrorFor("data-source"), "Where the figures come from: a system, a survey or a national data set.", WidthClass: "govuk-!-width-full");

    public SelectField TypeField => Words<IndicatorType>("type", "Type", Type, "Not recorded", DefinitionWording.Describe);

    public SelectField DataQualityField => Words<DataQualityRating>("data-quality", "Data quality rating", DataQuality, "Not rated", DefinitionWording.Describe);

    public SelectField RiskLevelField => Words<RiskLevel>("risk-level", "Risk level", RiskLevel, "Not assessed", DefinitionWording.Describe);

    public SelectField OwnerField => Person("owner", "Owner", Owner, "No owner");

    public SelectField DeputyField => Person("deputy", "Deputy", Deputy, "No deputy");

    private SelectField Words<T>(string name, string label, string? selected, string none, Func<T?, string> describe)
        where T : struct, Enum
    {
        var options = new List<SelectOption> { new(string.Empty, none) };
        options.AddRange(Enum.GetValues<T>().Select(v => new SelectOption(Codes.Of(v), describe(v))));
        return new SelectField(name, label, [new SelectGroup(null, options)], selected ?? string.Empty, ErrorFor(name));
    }

    private SelectField Person(string name, string label, string? selected, string none) =>
        new(name, label, [new SelectGroup(null, [new(string.Empty, none)]), .. People], selected ?? string.Empty, ErrorFor(name));

    private async Task<string> FirstHolderAsync(int indicatorId, Role role, CancellationToken cancellationToken) =>
        (await IndicatorHolders.ActiveAsync(db, indicatorId, role, cancellationToken)) is { Count: > 0 } holders
            ? holders[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Empty;

    private async Task<IReadOnlyList<SelectGroup>> PeopleAsync(CancellationToken cancellationToken)
    {
        var people = await db.People
            .Where(p => p.DeactivatedAt == null)
            .Select(p => new { p.Id, p.FullName, p.Email, Organisation = p.Organisation!.Name })
            .ToListAsync(cancellationToken);
        return
        [
            .. people
                .GroupBy(p => p.Organisation)
                .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => new SelectGroup(
                    g.Key,
                    [.. g.OrderBy(p => p.FullName, StringComparer.OrdinalIgnoreCase)
                        .Select(p => new SelectOption(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{p.FullName} ({p.Email})"))])),
        ];
    }
}
