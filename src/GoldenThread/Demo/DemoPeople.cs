using System.Security.Cryptography;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Demo;

/// <summary>
/// One demonstration person for each role, in the demonstration partnership's organisations. Each run of
/// <c>serve --demo</c> gives them new random passwords (and the administrator a new authenticator key), so no
/// password is ever in the repository and a copy of the demonstration left running elsewhere is not open to all.
/// </summary>
public static class DemoPeople
{
    public const string Domain = "wessexshire.example";

    private sealed record Plan(Role Role, string Email, string FullName, string Organisation, string? Indicator, string? Area, string? Body, string Holds);

    private static readonly Plan[] Plans =
    [
        new(Role.Administrator, "administrator", "Alex Morgan", "WCC", null, null, null, "Central support team"),
        new(Role.PerformanceOfficer, "performance.officer", "Priya Shah", "WCC", null, null, null, "The county council's indicators"),
        new(Role.IndicatorOwner, "indicator.owner", "Owen Price", "WPOL", "NI 16", null, null, "NI 16, a police indicator"),
        new(Role.IndicatorDeputy, "indicator.deputy", "Dana Ellis", "WPOL", "NI 16", null, null, "NI 16, a police indicator"),
        new(Role.DeliveryLead, "delivery.lead", "Lee Turner", "WPOL", "NI 15", "HRT", null, "NI 15 in Hartmere"),
        new(Role.TargetSponsor, "target.sponsor", "Sam Okafor", "WPOL", "NI 15", "HRT", null, "NI 15 in Hartmere"),
        new(Role.BodyMember, "body.member", "Bea Collins", "WPCT", null, null, "SSC", "Safer and Stronger Communities Partnership"),
        new(Role.Auditor, "auditor", "Ari Wood", "WCC", null, null, null, "Reads everything, changes nothing"),
    ];

    /// <summary>Creates the people if missing, gives them their roles and new credentials, and returns those credentials.</summary>
    public static async Task<IReadOnlyList<DemoAccount>> PrepareAsync(Database database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        // The administrator's authenticator key is encrypted with the keys of this run, which the site shares.
        await using var services = PeopleServices.Create(database, Accounts.KeyCertificates.ForThisRun);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var clock = TimeProvider.System;
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id, cancellationToken);
        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id, cancellationToken);
        var areas = await db.Areas.ToDictionaryAsync(a => a.Code, a => a.Id, cancellationToken);
        var bodies = await db.Bodies.ToDictionaryAsync(b => b.Code, b => b.Id, cancellationToken);
        var accounts = new List<DemoAccount>();
        foreach (var plan in Plans)
        {
            if (!organisations.TryGetValue(plan.Organisation, out var organisationId))
            {
                // Not the demonstration partnership's data: leave its people alone.
                return [];
            }

            var email = $"{plan.Email}@{Domain}";
            var person = await users.FindByEmailAsync(email);
            if (person is null)
            {
                person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = plan.FullName, OrganisationId = organisationId, CreatedAt = clock.GetUtcNow() };
                Check(await users.CreateAsync(person), email);
                db.Add(new RoleAssignment
                {
                    PersonId = person.Id,
                    Role = plan.Role,
                    IndicatorId = plan.Indicator is null ? null : indicators[plan.Indicator],
                    AreaId = plan.Area is null ? null : areas[plan.Area],
                    BodyId = plan.Body is null ? null : bodies[plan.Body],
                    GrantedAt = clock.GetUtcNow(),
                });
                new AuditLog(db, clock).Add(AuditActor.CommandLine, AuditActions.PersonCreated, $"Demonstration person added as {Roles.Name(plan.Role)}.", person.Id, email);
                await db.SaveChangesAsync(cancellationToken);
            }

            var password = NewPassword();
            if (await users.HasPasswordAsync(person))
            {
                Check(await users.RemovePasswordAsync(person), email);
            }

            Check(await users.AddPasswordAsync(person, password), email);
            Check(await users.SetLockoutEndDateAsync(person, null), email);
            Check(await users.ResetAccessFailedCountAsync(person), email);
            string? key = null;
            if (plan.Role == Role.Administrator)
            {
                Check(await users.ResetAuthenticatorKeyAsync(person), email);
                key = await users.GetAuthenticatorKeyAsync(person);
                Check(await users.SetTwoFactorEnabledAsync(person, true), email);
            }

            accounts.Add(new DemoAccount(plan.Role, email, plan.FullName, plan.Organisation, password, key, plan.Holds));
        }

        return accounts;
    }

    /// <summary>Four groups of four random letters and digits (82 bits): easy to type, impossible to guess.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return string.Join('-', Enumerable.Range(0, 4).Select(i => new string(chars, i * 4, 4)));
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demonstration person {email} could not be prepared: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
