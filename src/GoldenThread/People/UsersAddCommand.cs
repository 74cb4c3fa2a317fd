using System.CommandLine;
using System.Security.Cryptography;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Cli;
using GoldenThread.Domain;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Partnership;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.People;

/// <summary>
/// <c>users add</c>: an account made at the command line, typically the first administrator. It gets a strong
/// random password, printed once to standard output (the explanation goes to standard error, so a script can
/// capture the password alone). The organisation, person, role and password are saved together or not at all,
/// with their audit entries recorded as done at the command line.
/// </summary>
public static class UsersAddCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        var email = new Option<string>("--email") { Description = "Their email address; they sign in with it.", Required = true };
        var name = new Option<string>("--name") { Description = "Their full name.", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The code of their organisation, e.g. WCC.", Required = true };
        var organisationName = new Option<string?>("--organisation-name") { Description = "Create the organisation with this name if no organisation has the code." };
        var organisationKind = new Option<string>("--organisation-kind")
        {
            Description = $"The kind of organisation to create with --organisation-name: {Codes.Allowed<OrganisationKind>()}.",
            DefaultValueFactory = _ => Codes.Of(OrganisationKind.Other),
        };
        var admin = new Option<bool>("--admin") { Description = "Make them an administrator (they must set up an authenticator app when they first sign in)." };
        var command = new Command("add", "Add a person with a new random password, printed once.")
        {
            Options = { email, name, organisation, organisationName, organisationKind, admin },
        };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            await using var services = await UsersCommand.ServicesAsync(parseResult, databaseOption, terminal, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var organisations = scope.ServiceProvider.GetRequiredService<OrganisationQueries>();
            var actor = AuditActor.CommandLine;

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var code = parseResult.GetValue(organisation)!.Trim();
            var existing = await organisations.FindByCodeAsync(code, ct);
            if (existing is null)
            {
                if (parseResult.GetValue(organisationName) is not { } newName)
                {
                    var known = (await organisations.ListAsync(ct)).Select(o => o.Code).ToList();
                    throw new UserFacingException(
                        $"--organisation: there is no organisation with the code '{code}'. " +
                        (known.Count == 0 ? "There are none yet" : $"Use one of {string.Join(", ", known.Take(20))}{(known.Count > 20 ? ", …" : "")}") +
                        ", or give --organisation-name (and --organisation-kind) to create it.");
                }

                Check(await scope.ServiceProvider.GetRequiredService<AddOrganisation>().RunAsync(actor, new NewOrganisation(code, newName, parseResult.GetValue(organisationKind)), ct), ("code", "--organisation"), ("name", "--organisation-name"), ("kind", "--organisation-kind"));
                await terminal.Error.WriteLineAsync($"Added the organisation {code}, {newName.Trim()}.");
            }

            var added = Check(await scope.ServiceProvider.GetRequiredService<AddPerson>().RunAsync(actor, new NewPerson(parseResult.GetValue(name), parseResult.GetValue(email), code), ct), ("full-name", "--name"), ("email", "--email"), ("organisation", "--organisation"));
            var personId = added.Id!.Value;
            if (parseResult.GetValue(admin))
            {
                Check(await scope.ServiceProvider.GetRequiredService<GrantRole>().RunAsync(actor, new RoleGrant(personId, Roles.Code(Role.Administrator)), ct), ("role", "--admin"));
            }

            var person = (await users.FindByIdAsync(personId.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
            var password = NewPassword();
            var set = await users.AddPasswordAsync(person, password);
            if (!set.Succeeded)
            {
                throw new UserFacingException("The password could not be set: " + string.Join(" ", set.Errors.Select(e => e.Description)));
            }

            await transaction.CommitAsync(ct);
            await terminal.Error.WriteLineAsync($"Added {person.FullName} <{person.Email}>{(parseResult.GetValue(admin) ? " as an administrator" : "")}. Their password is below, shown only this once: pass it on privately. They can change it after signing in.");
            if (parseResult.GetValue(admin))
            {
                await terminal.Error.WriteLineAsync("As an administrator, they must set up an authenticator app the first time they sign in, before they can use the administration pages.");
            }

            await terminal.Out.WriteLineAsync(password);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Four random characters, five times over, from letters and digits that cannot be mistaken for each other
    /// (about 99 bits): strong enough for any account, and easy to type from a printout.
    /// </summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
        return string.Join('-', Enumerable.Range(0, 5).Select(i => new string(chars, i * 4, 4)));
    }

    /// <summary>A refused change as a message naming the options at fault.</summary>
    private static AdminChange Check(AdminChange change, params (string Field, string Option)[] options)
    {
        if (change.Succeeded)
        {
            return change;
        }

        var lines = change.Errors.Select(e => $"{options.FirstOrDefault(o => o.Field == e.Field).Option ?? e.Field}: {e.Message}.");
        throw new UserFacingException(string.Join(Environment.NewLine, lines));
    }
}
