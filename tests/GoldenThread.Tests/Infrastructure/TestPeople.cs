using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Partnership;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>Adds people (and an organisation for them, if the database has none) straight through Identity, for tests.</summary>
public static class TestPeople
{
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// <see cref="Password"/> hashed by the site's own hasher, once per run: the first person is created with the
    /// password (checked against the password rules and hashed), later ones take a copy of that hash (a hash carries
    /// its own salt, so any copy verifies), which spares a deliberately slow hash for every person a test adds.
    /// </summary>
    private static string? _passwordHash;

    public static async Task<Person> AddAsync(Database database, string email, params Grant[] grants)
    {
        await using var services = PeopleServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var organisation = await db.Organisations.OrderBy(o => o.Id).FirstOrDefaultAsync();
        if (organisation is null)
        {
            organisation = new Organisation { Code = "TEST", Name = "Test Council", Kind = Domain.Partnership.OrganisationKind.Council };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        }

        var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = "Test Person", OrganisationId = organisation.Id, CreatedAt = DateTimeOffset.UtcNow };
        var hash = Volatile.Read(ref _passwordHash);
        if (hash is not null)
        {
            person.PasswordHash = hash;
        }

        var result = hash is null ? await users.CreateAsync(person, Password) : await users.CreateAsync(person);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        Interlocked.CompareExchange(ref _passwordHash, person.PasswordHash, null);
        foreach (var grant in grants)
        {
            db.RoleAssignments.Add(new RoleAssignment { PersonId = person.Id, Role = grant.Role, IndicatorId = grant.IndicatorId, AreaId = grant.AreaId, BodyId = grant.BodyId, GrantedAt = DateTimeOffset.UtcNow });
        }

        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>A new API token for the person; returns the secret.</summary>
    public static async Task<string> TokenAsync(Database database, int personId, TokenScope scope, TimeSpan? lifetime = null)
    {
        await using var services = PeopleServices.Create(database);
        await using var serviceScope = services.CreateAsyncScope();
        var issuer = serviceScope.ServiceProvider.GetRequiredService<TokenIssuer>();
        var issued = await issuer.IssueAsync(personId, "test", scope, lifetime ?? TimeSpan.FromDays(1), AuditActor.CommandLine);
        return issued.Secret;
    }
}
