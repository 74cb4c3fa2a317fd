using System.ComponentModel.DataAnnotations;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

// EF Core translates ToUpper and ToLower to SQL, and not string.Equals or Contains with a StringComparison.
#pragma warning disable CA1862

namespace GoldenThread.Administration;

/// <summary>A person as the administration pages show them: who, where, what they hold, and whether they may sign in.</summary>
public sealed record PersonSummary(
    int Id,
    string Email,
    string FullName,
    int OrganisationId,
    string OrganisationCode,
    string OrganisationName,
    bool TwoFactorEnabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeactivatedAt,
    DateTimeOffset? LockoutEnd,
    IReadOnlyList<HeldRole> Roles)
{
    public bool IsDeactivated => DeactivatedAt is not null;

    public bool IsLockedOut(DateTimeOffset now) => PersonStatus.IsLockedOut(LockoutEnd, now);

    public string Status(DateTimeOffset now) => PersonStatus.Describe(DeactivatedAt, LockoutEnd, now);
}

/// <summary>One page of people found, with how many matched in all.</summary>
public sealed record PeopleFound(IReadOnlyList<PersonSummary> People, int Total);

/// <summary>
/// Looking after people's accounts: adding them (without a password: they set one themselves), changing their
/// name and organisation, granting and removing roles, deactivating and reactivating, and ending a lockout.
/// Each change is saved with its audit entry in one transaction; a change to roles, organisation or
/// activation also renews the person's security stamp, so their open sessions are checked again.
/// </summary>
public sealed class PeopleAdministration(GoldenThreadDb db, UserManager<Person> users, AuditLog audit, TimeProvider clock)
{
    /// <summary>The most people one search shows; the page asks for a narrower search beyond it.</summary>
    public const int ListLimit = 100;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>People whose name or email contains <paramref name="text"/>, in the organisation with <paramref name="organisationCode"/>, by name.</summary>
    public async Task<PeopleFound> SearchAsync(string? text, string? organisationCode, CancellationToken cancellationToken)
    {
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var lower = text.Trim().ToLowerInvariant();
            var upper = text.Trim().ToUpperInvariant();
            query = query.Where(p => p.FullName.ToLower().Contains(lower) || (p.NormalizedEmail != null && p.NormalizedEmail.Contains(upper)));
        }

        if (!string.IsNullOrWhiteSpace(organisationCode))
        {
            var code = organisationCode.Trim();
            query = query.Where(p => p.Organisation!.Code == code);
        }

        var total = await query.CountAsync(cancellationToken);
        var people = await SummariesAsync(query.OrderBy(p => p.FullName).ThenBy(p => p.Id).Take(ListLimit), cancellationToken);
        return new PeopleFound(people, total);
    }

    public async Task<PersonSummary?> FindAsync(int id, CancellationToken cancellationToken) =>
        (await SummariesAsync(db.People.AsNoTracking().Where(p => p.Id == id), cancellationToken)).SingleOrDefault();

    /// <summary>Everyone, by email address (the command line's list).</summary>
    public Task<List<PersonSummary>> AllAsync(CancellationToken cancellationToken) =>
        SummariesAsync(db.People.AsNoTracking().OrderBy(p => p.NormalizedEmail), cancellationToken, everyone: true);

    /// <summary>How many people are locked out now.</summary>
    public async Task<int> CountLockedOutAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.People.AsNoTracking().CountAsync(p => p.LockoutEnd != null && p.LockoutEnd > now, cancellationToken);
    }

    /// <summary>The latest audit entries by or about the person, newest first.</summary>
    public Task<List<AuditEntry>> RecentAuditAsync(int id, int count, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking()
            .Where(e => e.ActorId == id
                || (e.SubjectId == id && e.Action != AuditActions.OrganisationCreated && e.Action != AuditActions.OrganisationRenamed))
            .OrderByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(cancellationToken);

    /// <summary>Adds a person with no password; the fields are <c>full-name</c>, <c>email</c> and <c>organisation</c> (a code).</summary>
    public async Task<AdminChange> AddAsync(AuditActor actor, string? fullName, string? email, string? organisationCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        fullName = fullName?.Trim();
        email = email?.Trim();
        if (NameProblem(fullName) is { } nameProblem)
        {
            errors.Add(new FieldError("full-name", nameProblem));
        }

        if (await EmailProblemAsync(email, cancellationToken) is { } emailProblem)
        {
            errors.Add(new FieldError("email", emailProblem));
        }

        var organisation = await OrganisationAsync(organisationCode, cancellationToken);
        if (organisation.Problem is { } organisationProblem)
        {
            errors.Add(new FieldError("organisation", organisationProblem));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var person = new Person
        {
            UserName = email,
            Email = email,
            // An administrator vouches for the address; the person proves it is theirs by setting a password through it.
            EmailConfirmed = true,
            FullName = fullName!,
            OrganisationId = organisation.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        return await UnitOfWork.RunAsync(db, async () =>
        {
            var created = await users.CreateAsync(person);
            if (!created.Succeeded)
            {
                return Refused("email", created);
            }

            audit.Add(actor, AuditActions.PersonCreated, $"Added {person.FullName} ({person.Email}) in {organisation.Describe}.", person.Id, person.Email);
            await db.SaveChangesAsync(cancellationToken);
            return AdminChange.Success($"{person.FullName} has been added.", person.Id);
        }, cancellationToken);
    }

    /// <summary>Changes a person's name and organisation; the fields are <c>full-name</c> and <c>organisation</c>.</summary>
    public async Task<AdminChange> ChangeDetailsAsync(AuditActor actor, int id, string? fullName, string? organisationCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var person = await users.FindByIdAsync(Text(id));
        if (person is null)
        {
            return AdminChange.Refused("full-name", "That person no longer exists");
        }

        var errors = new List<FieldError>();
        fullName = fullName?.Trim();
        if (NameProblem(fullName) is { } nameProblem)
        {
            errors.Add(new FieldError("full-name", nameProblem));
        }

        var organisation = await OrganisationAsync(organisationCode, cancellationToken);
        if (organisation.Problem is { } organisationProblem)
        {
            errors.Add(new FieldError("organisation", organisationProblem));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var renamed = person.FullName != fullName;
        var moved = person.OrganisationId != organisation.Id;
        if (!renamed && !moved)
        {
            return AdminChange.Refused("full-name", "Nothing has changed: change the name or the organisation");
        }

        return await UnitOfWork.RunAsync(db, async () =>
        {
            if (renamed)
            {
                audit.Add(actor, AuditActions.PersonChanged, $"Name changed from {person.FullName} to {fullName}.", person.Id, person.Email);
                person.FullName = fullName!;
            }

            if (moved)
            {
                var old = await db.Organisations.AsNoTracking().Where(o => o.Id == person.OrganisationId).Select(o => o.Name + " (" + o.Code + ")").SingleAsync(cancellationToken);
                audit.Add(actor, AuditActions.OrganisationChanged, $"Organisation changed from {old} to {organisation.Describe}.", person.Id, person.Email);
                person.OrganisationId = organisation.Id;
            }

            // Identity saves the person and the audit entries in one SaveChanges; a move renews the security stamp.
            var saved = moved ? await users.UpdateSecurityStampAsync(person) : await users.UpdateAsync(person);
            return saved.Succeeded
                ? AdminChange.Success($"{person.FullName}'s details have been changed.", person.Id)
                : Refused("full-name", saved);
        }, cancellationToken);
    }

    /// <summary>
    /// Grants a role, held for what its scope needs (indicator, area and body by code). The fields are
    /// <c>role</c>, <c>indicator</c>, <c>area</c> and <c>body</c>.
    /// </summary>
    public async Task<AdminChange> GrantAsync(AuditActor actor, int id, string? roleCode, string? indicatorCode, string? areaCode, string? bodyCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var person = await users.FindByIdAsync(Text(id));
        if (person is null)
        {
            return AdminChange.Refused("role", "That person no longer exists");
        }

        if (!Roles.TryParse(roleCode, out var role))
        {
            return AdminChange.Refused("role", "Choose a role");
        }

        var errors = new List<FieldError>();
        var indicator = await IdOfAsync("indicator", "indicator", indicatorCode, upper => db.Indicators.Where(i => i.Code.ToUpper() == upper).Select(i => (int?)i.Id), errors, cancellationToken);
        var area = await IdOfAsync("area", "area", areaCode, upper => db.Areas.Where(a => a.Code.ToUpper() == upper).Select(a => (int?)a.Id), errors, cancellationToken);
        var body = await IdOfAsync("body", "board or partnership", bodyCode, upper => db.Bodies.Where(b => b.Code.ToUpper() == upper).Select(b => (int?)b.Id), errors, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var grant = new Grant(role, indicator, area, body);
        if (grant.Problem() is { } problem)
        {
            return AdminChange.Refused(ProblemField(grant), problem);
        }

        if (await db.RoleAssignments.AnyAsync(r => r.PersonId == id && r.Role == role && r.IndicatorId == indicator && r.AreaId == area && r.BodyId == body, cancellationToken))
        {
            return AdminChange.Refused("role", $"{person.FullName} already holds this role");
        }

        return await UnitOfWork.RunAsync(db, async () =>
        {
            var assignment = new RoleAssignment { PersonId = id, Role = role, IndicatorId = indicator, AreaId = area, BodyId = body, GrantedAt = clock.GetUtcNow() };
            db.RoleAssignments.Add(assignment);
            await db.SaveChangesAsync(cancellationToken);
            var held = (await HeldRole.LoadAsync(db, [id], cancellationToken)).Single(r => r.Id == assignment.Id);
            audit.Add(actor, AuditActions.RoleGranted, $"Granted {held.Description}.", person.Id, person.Email);
            var saved = await users.UpdateSecurityStampAsync(person);
            return saved.Succeeded
                ? AdminChange.Success($"{person.FullName} is now {held.Description}.", assignment.Id)
                : Refused("role", saved);
        }, cancellationToken);
    }

    /// <summary>Removes one of the person's roles; an administrator cannot remove their own administrator role.</summary>
    public async Task<AdminChange> RemoveRoleAsync(AuditActor actor, int id, int assignmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var person = await users.FindByIdAsync(Text(id));
        var held = (await HeldRole.LoadAsync(db, [id], cancellationToken)).SingleOrDefault(r => r.Id == assignmentId);
        if (person is null || held is null)
        {
            return AdminChange.Refused("roles", "That role has already been removed");
        }

        if (held.Role == Role.Administrator && actor.Id == id)
        {
            return AdminChange.Refused("roles", "You cannot remove your own administrator role. Ask another administrator to do it");
        }

        return await UnitOfWork.RunAsync(db, async () =>
        {
            db.RoleAssignments.Remove(await db.RoleAssignments.SingleAsync(r => r.Id == assignmentId, cancellationToken));
            audit.Add(actor, AuditActions.RoleRemoved, $"Removed {held.Description}.", person.Id, person.Email);
            var saved = await users.UpdateSecurityStampAsync(person);
            return saved.Succeeded
                ? AdminChange.Success($"{person.FullName} is no longer {held.Description}.", person.Id)
                : Refused("roles", saved);
        }, cancellationToken);
    }

    /// <summary>Stops the person signing in (and using their API tokens); an administrator cannot deactivate themself.</summary>
    public async Task<AdminChange> DeactivateAsync(AuditActor actor, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var person = await users.FindByIdAsync(Text(id));
        if (person is null)
        {
            return AdminChange.Refused("deactivate", "That person no longer exists");
        }

        if (actor.Id == id)
        {
            return AdminChange.Refused("deactivate", "You cannot deactivate yourself. Ask another administrator to do it");
        }

        if (person.DeactivatedAt is not null)
        {
            return AdminChange.Refused("deactivate", $"{person.FullName} is already deactivated");
        }

        return await UnitOfWork.RunAsync(db, async () =>
        {
            person.DeactivatedAt = clock.GetUtcNow();
            audit.Add(actor, AuditActions.PersonDeactivated, $"Deactivated {person.FullName}: they can no longer sign in or use API tokens.", person.Id, person.Email);
            var saved = await users.UpdateSecurityStampAsync(person);
            return saved.Succeeded
                ? AdminChange.Success($"{person.FullName} has been deactivated and can no longer sign in.", person.Id)
                : Refused("deactivate", saved);
        }, cancellationToken);
    }

    public async Task<AdminChange> ReactivateAsync(AuditActor actor, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var person = await users.FindByIdAsync(Text(id));
        if (person is null)
        {
            return AdminChange.Refused("reactivate", "That person no longer exists");
        }

        if (person.DeactivatedAt is null)
        {
            return AdminChange.Refused("reactivate", $"{person.FullName} is already active");
        }

        return await UnitOfWork.RunAsync(db, async () =>
        {
            person.DeactivatedAt = null;
            audit.Add(actor, AuditActions.PersonReactivated, $"Reactivated {person.FullName}: they can sign in again.", person.Id, person.Email);
            var saved = await users.UpdateSecurityStampAsync(person);
            return saved.Succeeded
                ? AdminChange.Success($"{person.FullName} has been reactivated and can sign in again.", person.Id)
                : Refused("reactivate", saved);
        }, cancellationToken);
    }

    /// <summary>Lets a locked-out person try again at once, with a fresh count of wrong passwords.</summary>
    public async Task<AdminChange> EndLockoutAsync(AuditActor actor, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var person = await users.FindByIdAsync(Text(id));
        if (person is null)
        {
            return AdminChange.Refused("end-lockout", "That person no longer exists");
        }

        if (!PersonStatus.IsLockedOut(person.LockoutEnd, clock.GetUtcNow()))
        {
            return AdminChange.Refused("end-lockout", $"{person.FullName} is not locked out");
        }

        return await UnitOfWork.RunAsync(db, async () =>
        {
            var until = person.LockoutEnd;
            var ended = await users.SetLockoutEndDateAsync(person, null);
            if (!ended.Succeeded)
            {
                return Refused("end-lockout", ended);
            }

            var reset = await users.ResetAccessFailedCountAsync(person);
            if (!reset.Succeeded)
            {
                return Refused("end-lockout", reset);
            }

            audit.Add(actor, AuditActions.LockoutEnded, $"Ended the lockout that would have lasted until {PersonStatus.When(until!.Value)}.", person.Id, person.Email);
            await db.SaveChangesAsync(cancellationToken);
            return AdminChange.Success($"{person.FullName} is no longer locked out and can sign in again.", person.Id);
        }, cancellationToken);
    }

    /// <summary>The field a malformed grant's problem belongs to: the first choice missing, else the first not wanted.</summary>
    private static string ProblemField(Grant grant)
    {
        var scope = Roles.ScopeOf(grant.Role);
        var needsIndicator = scope is RoleScope.Indicator or RoleScope.IndicatorInArea;
        var needsArea = scope is RoleScope.IndicatorInArea;
        var needsBody = scope is RoleScope.Body;
        return (needsIndicator, grant.IndicatorId, needsArea, grant.AreaId, needsBody, grant.BodyId) switch
        {
            (true, null, _, _, _, _) => "indicator",
            (_, _, true, null, _, _) => "area",
            (_, _, _, _, true, null) => "body",
            (false, not null, _, _, _, _) => "indicator",
            (_, _, false, not null, _, _) => "area",
            _ => "body",
        };
    }

    /// <summary>The identifier for a code (compared without regard to case), or null when none was given; an unknown code is an error on the field.</summary>
    private static async Task<int?> IdOfAsync(
        string field, string what, string? code, Func<string, IQueryable<int?>> lookUp, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var id = await lookUp(code.Trim().ToUpperInvariant()).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            errors.Add(new FieldError(field, $"There is no {what} with the code {code.Trim()}"));
        }

        return id;
    }

    private sealed record OrganisationChoice(int Id, string Describe, string? Problem);

    private async Task<OrganisationChoice> OrganisationAsync(string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new OrganisationChoice(0, "", "Choose the person's organisation");
        }

        var trimmed = code.Trim().ToUpperInvariant();
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code.ToUpper() == trimmed, cancellationToken);
        return organisation is null
            ? new OrganisationChoice(0, "", $"There is no organisation with the code {code.Trim()}")
            : new OrganisationChoice(organisation.Id, $"{organisation.Name} ({organisation.Code})", null);
    }

    private static string? NameProblem(string? fullName) =>
        string.IsNullOrEmpty(fullName) ? "Enter the person's full name"
        : fullName.Length > Person.FullNameLength ? $"The full name must be {Person.FullNameLength} characters or fewer"
        : Domain.Names.NameProblem(fullName) is { } problem ? "The full name " + problem
        : null;

    /// <summary>What is wrong with an email address for a new person, or null: missing, not an address, or already used.</summary>
    public async Task<string?> EmailProblemAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "Enter the person's email address";
        }

        if (email.Length > 256 || !new EmailAddressAttribute().IsValid(email) || email.Any(char.IsWhiteSpace))
        {
            return "Enter an email address in the correct format, like name@example.org";
        }

        return await users.FindByEmailAsync(email) is { } existing
            ? $"{existing.FullName} already has an account with the email address {existing.Email}"
            : null;
    }

    private async Task<List<PersonSummary>> SummariesAsync(IQueryable<Person> people, CancellationToken cancellationToken, bool everyone = false)
    {
        var rows = await people
            .Select(p => new { p.Id, p.Email, p.FullName, p.OrganisationId, OrganisationCode = p.Organisation!.Code, OrganisationName = p.Organisation!.Name, p.TwoFactorEnabled, p.CreatedAt, p.DeactivatedAt, p.LockoutEnd })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = (await HeldRole.LoadAsync(db, everyone ? null : ids, cancellationToken)).ToLookup(r => r.PersonId);
        return rows.Select(r => new PersonSummary(
            r.Id, r.Email ?? "", r.FullName, r.OrganisationId, r.OrganisationCode, r.OrganisationName, r.TwoFactorEnabled, r.CreatedAt, r.DeactivatedAt, r.LockoutEnd, [.. roles[r.Id]])).ToList();
    }

    private static AdminChange Refused(string field, IdentityResult result) =>
        AdminChange.Refused(field, string.Join(" ", result.Errors.Select(e => e.Description)));

    private static string Text(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
