using System.CommandLine;
using GoldenThread.Cli;

namespace GoldenThread.Storage;

/// <summary><c>migrate</c>: brings the database's schema up to date (the only way PostgreSQL is ever migrated).</summary>
public static class MigrateCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        var command = new Command("migrate", "Create the database's tables, or bring them up to date.");
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
            await using var db = database.Open();
            var applied = await Schema.ApplyAsync(db, terminal.Error, ct);
            await terminal.Out.WriteLineAsync(applied == 0
                ? $"The database {database.Describe()} is up to date."
                : $"Applied {applied} migration(s) to {database.Describe()}.");
            return 0;
        }));
        return command;
    }
}
