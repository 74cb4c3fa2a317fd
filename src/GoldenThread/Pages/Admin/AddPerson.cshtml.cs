using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Pages.Scorecard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Admin;

/// <summary>
/// <c>/admin/people/add</c>: an account for a new person, with no password. They choose one themselves through
/// "I have forgotten my password" on the sign-in page, so no administrator ever knows it.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AddPersonModel(OrganisationQueries organisations) : AdminPageModel
{
    [BindProperty(Name = "full-name")]
    public string? FullName { get; set; }

    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    [BindProperty(Name = "organisation")]
    public string? OrganisationCode { get; set; }

    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organisations = await organisations.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromServices] AddPerson addPerson, CancellationToken cancellationToken)
    {
        var change = await addPerson.RunAsync(await ActorAsync(), new NewPerson(FullName, Email, OrganisationCode), cancellationToken);
        if (Done(change, $"They have no password yet. Ask them to go to the sign-in page, choose ‘I have forgotten my password’ and enter {Email?.Trim()}: they will be sent a link to set their own password."))
        {
            return Redirect($"/admin/people/{change.Id}");
        }

        Organisations = await organisations.ListAsync(cancellationToken);
        return Page();
    }

    public TextField FullNameField => new("full-name", "Full name", FullName, ErrorFor("full-name"), Autocomplete: "off", WidthClass: "govuk-!-width-two-thirds") { Spellcheck = false };

    public TextField EmailField => new("email", "Email address", Email, ErrorFor("email"), "Their work email address. They sign in with it and it is where the link to set their password goes.", "email", "off", "govuk-!-width-two-thirds") { Spellcheck = false };

    public SelectField OrganisationField => AdminFields.Organisation(Organisations, OrganisationCode, ErrorFor("organisation"), "Organisation", "Choose an organisation");
}
