using System.CommandLine;
using GoldenThread.Administration;
using GoldenThread.Cli;
using GoldenThread.Storage;
using Spectre.Console;

namespace GoldenThread.People;

/// <summary>
/// <c>users</c>: the people who sign in, from the command line: <c>add</c> (the first administrator, say) and
/// <c>list</c>, plus any further subcommands other parts of the program attach.
/// </summary>
public static class UsersCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal, params Command[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var command = new Command("users", "Add and list the people who sign in to the web site.");
        command.Subcommands.Add(UsersAddCommand.Create(databaseOption, terminal));
        command.Subcommands.Add(List(databaseOption, terminal));
        foreach (var subcommand in more)
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    /// <summary>A scope over Identity's services for the database, after making sure its schema is current.</summary>
    internal static async Task<ServiceProvider> ServicesAsync(ParseResult parseResult, Option<string?> databaseOption, Terminal terminal, CancellationToken ct)
    {
        var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
        await using (var db = database.Open())
        {
            await Schema.EnsureCurrentAsync(db, database, terminal.Error, ct);
        }

        return PeopleServices.Create(database);
    }

    private static Command List(Option<string?> databaseOption, Terminal terminal)
    {
        var command = new Command("list", "List everyone who may sign in, or could: email, name, organisation, roles and status.");
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            await using var services = await ServicesAsync(parseResult, databaseOption, terminal, ct);
            await using var scope = services.CreateAsyncScope();
            var people = scope.ServiceProvider.GetRequiredService<PeopleQueries>();
            var everyone = await people.AllAsync(ct);
            var console = terminal.OutConsole();
            if (everyone.Count == 0)
            {
                console.WriteLine("No one has an account yet. Add the first administrator with 'goldenthread users add --admin'.");
                return 0;
            }

            var now = people.Now;
            var table = new Table { Title = new TableTitle(everyone.Count == 1 ? "1 person" : $"{everyone.Count} people") };
            table.AddColumns("Email", "Name", "Organisation", "Roles", "Status");
            foreach (var person in everyone)
            {
                table.AddRow(
                    Markup.Escape(person.Email),
                    Markup.Escape(person.FullName),
                    Markup.Escape(person.OrganisationCode),
                    Markup.Escape(person.Roles.Count == 0 ? "none" : string.Join("; ", person.Roles.Select(r => r.Description))),
                    Markup.Escape($"{person.Status(now)}; {PersonStatus.TwoFactor(person.TwoFactorEnabled).ToLowerInvariant()}"));
            }

            console.Write(table);
            return 0;
        }));
        return command;
    }
}
