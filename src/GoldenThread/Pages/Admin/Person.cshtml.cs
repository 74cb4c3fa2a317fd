using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Pages.Scorecard;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Admin;

/// <summary>
/// <c>/admin/people/{id}</c>: one person's details, roles, whether they may sign in, and what was done by and to
/// them lately; with the forms that change each (every change redirects back here with a banner).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class PersonModel(GoldenThreadDb db, PeopleQueries people, OrganisationQueries organisations, Sessions.SessionStore sessions) : AdminPageModel
{
    public const int RecentEntries = 20;

    public int Id { get; private set; }

    public PersonSummary Person { get; private set; } = null!;

    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];

    /// <summary>Where the person is signed in now.</summary>
    public IReadOnlyList<Sessions.SessionRow> OpenSessions { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>Whether this is the administrator looking at themself (who cannot deactivate themself).</summary>
    public bool IsSelf { get; private set; }

    [BindProperty(Name = "full-name")]
    public string? FullName { get; set; }

    [BindProperty(Name = "organisation")]
    public string? OrganisationCode { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => ShowAsync(id, keepInput: false, cancellationToken);

    public Task<IActionResult> OnPostDetailsAsync(int id, [FromServices] ChangePersonDetails change, CancellationToken cancellationToken) =>
        ChangeAsync(id, async actor => await change.RunAsync(actor, new PersonDetails(id, FullName, OrganisationCode), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRemoveRoleAsync(int id, [FromForm(Name = "role")] int role, [FromServices] RemoveRole remove, CancellationToken cancellationToken) =>
        ChangeAsync(id, async actor => await remove.RunAsync(actor, new RoleRemoval(id, role), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(int id, [FromServices] DeactivatePerson deactivate, CancellationToken cancellationToken) =>
        ChangeAsync(id, async actor => await deactivate.RunAsync(actor, id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(int id, [FromServices] ReactivatePerson reactivate, CancellationToken cancellationToken) =>
        ChangeAsync(id, async actor => await reactivate.RunAsync(actor, id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostEndLockoutAsync(int id, [FromServices] EndLockout endLockout, CancellationToken cancellationToken) =>
        ChangeAsync(id, async actor => await endLockout.RunAsync(actor, id, cancellationToken), cancellationToken);

    /// <summary>Ends the person's open sessions (all but this one, for an administrator on their own page), audited.</summary>
    public Task<IActionResult> OnPostEndSessionsAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async actor =>
        {
            var person = (await people.FindAsync(id, cancellationToken))!;
            var except = actor.Id == id ? Sessions.SessionStore.IdOf(User) : null;
            var ended = await sessions.EndAllAsync(id, except, Sessions.SessionEnd.EndedByAdministrator, actor, person.Email, cancellationToken);
            return AdminChange.Success(ended switch
            {
                0 => $"{person.FullName} had no open sessions to end.",
                1 => $"Ended {person.FullName}'s open session.",
                _ => $"Ended {person.FullName}'s {ended} open sessions.",
            });
        }, cancellationToken);

    public TextField FullNameField => new("full-name", "Full name", FullName, ErrorFor("full-name"), Autocomplete: "off", WidthClass: "govuk-!-width-two-thirds") { Spellcheck = false };

    public SelectField OrganisationField => AdminFields.Organisation(Organisations, OrganisationCode, ErrorFor("organisation"), "Organisation", "Choose an organisation");

    private async Task<IActionResult> ChangeAsync(int id, Func<AuditActor, Task<AdminChange>> change, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        if (Done(await change(await ActorAsync())))
        {
            return Redirect($"/admin/people/{id}");
        }

        return await ShowAsync(id, keepInput: true, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(int id, bool keepInput, CancellationToken cancellationToken)
    {
        // A refused change leaves tracked entities behind; the page shows what is stored.
        db.ChangeTracker.Clear();
        if (await people.FindAsync(id, cancellationToken) is not { } person)
        {
            return NotFound();
        }

        Id = id;
        Person = person;
        Now = people.Now;
        IsSelf = (await HttpAuditActor.OfAsync(HttpContext)).Id == id;
        Organisations = await organisations.ListAsync(cancellationToken);
        Recent = await people.RecentAuditAsync(id, RecentEntries, cancellationToken);
        OpenSessions = await sessions.OpenAsync(id, IsSelf ? Sessions.SessionStore.IdOf(User) : null, cancellationToken);
        if (!keepInput)
        {
            FullName = person.FullName;
            OrganisationCode = person.OrganisationCode;
        }

        return Page();
    }
}
