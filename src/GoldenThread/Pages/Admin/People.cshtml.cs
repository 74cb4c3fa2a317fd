using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Pages.Scorecard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Admin;

/// <summary><c>/admin/people</c>: people found by name or email and organisation, with their roles and whether they may sign in.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class PeopleModel(PeopleQueries people, OrganisationQueries organisations) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "organisation")]
    public string? OrganisationCode { get; set; }

    public PeopleFound Found { get; private set; } = new([], 0);

    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || !string.IsNullOrWhiteSpace(OrganisationCode);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await organisations.ListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(OrganisationCode) && !Organisations.Any(o => o.Code == OrganisationCode.Trim()))
        {
            Errors.Add(new FieldError("organisation", "Choose an organisation from the list"));
            OrganisationCode = null;
        }

        Found = await people.SearchAsync(Search, OrganisationCode, cancellationToken);
        Now = people.Now;
    }

    public TextField SearchField => new("q", "Name or email address", Search, null, "Any part of it, for example ‘morgan’ or ‘police.example’", "search", WidthClass: "govuk-!-width-full") { Spellcheck = false };

    public SelectField OrganisationField => AdminFields.Organisation(Organisations, OrganisationCode, ErrorFor("organisation"), "Organisation", "All organisations");
}
