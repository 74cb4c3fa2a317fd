using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Domain;
using GoldenThread.Domain.Partnership;
using GoldenThread.Pages.Scorecard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Admin;

/// <summary><c>/admin/organisations</c>: the partner organisations with how many people each has, and adding one.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class OrganisationsModel(OrganisationQueries organisations) : AdminPageModel
{
    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];

    [BindProperty(Name = "code")]
    public string? Code { get; set; }

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "kind")]
    public string? Kind { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organisations = await organisations.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromServices] AddOrganisation addOrganisation, CancellationToken cancellationToken)
    {
        var change = await addOrganisation.RunAsync(await ActorAsync(), new NewOrganisation(Code, Name, Kind), cancellationToken);
        if (Done(change))
        {
            return Redirect("/admin/organisations");
        }

        Organisations = await organisations.ListAsync(cancellationToken);
        return Page();
    }

    public TextField CodeField => new("code", "Code", Code, ErrorFor("code"), $"The code bundles use for it, for example WCC. Up to {Partnership.Organisation.CodeLength} characters.", WidthClass: "govuk-input--width-10") { Spellcheck = false };

    public TextField NameField => new("name", "Name", Name, ErrorFor("name"), WidthClass: "govuk-!-width-two-thirds");

    public SelectField KindField
    {
        get
        {
            var options = new List<SelectOption> { new(string.Empty, "Choose a kind") };
            options.AddRange(KindNames.All.Select(k => new SelectOption(Codes.Of(k), KindNames.Name(k))));
            return new SelectField("kind", "Kind of organisation", [new SelectGroup(null, options)], Kind ?? string.Empty, ErrorFor("kind"));
        }
    }

    public static string KindWord(OrganisationKind kind) => Codes.Of(kind);
}
