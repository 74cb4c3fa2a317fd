using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Partnership;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Admin;

/// <summary><c>/admin/organisations/{id}</c>: renaming an organisation (its code stays, as bundles refer to it).</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class OrganisationModel(OrganisationQueries organisations) : AdminPageModel
{
    public int Id { get; private set; }

    public Organisation Organisation { get; private set; } = null!;

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Id = id;
        if (await organisations.FindAsync(Id, cancellationToken) is not { } organisation)
        {
            return NotFound();
        }

        Organisation = organisation;
        Name = organisation.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] RenameOrganisation rename, CancellationToken cancellationToken)
    {
        Id = id;
        if (await organisations.FindAsync(Id, cancellationToken) is not { } organisation)
        {
            return NotFound();
        }

        if (Done(await rename.RunAsync(await ActorAsync(), new OrganisationRename(Id, Name), cancellationToken)))
        {
            return Redirect("/admin/organisations");
        }

        Organisation = organisation;
        return Page();
    }

    public TextField NameField => new("name", "New name", Name, ErrorFor("name"), $"Up to {Organisation.NameLength} characters. The code, {Organisation.Code}, stays the same.", WidthClass: "govuk-!-width-two-thirds");
}
