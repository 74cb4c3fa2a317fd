using System.CommandLine;
using GoldenThread.Import;
using GoldenThread.Scorecard;
using GoldenThread.Storage;

namespace GoldenThread.Cli;

/// <summary>The command line of interchange.md: <c>goldenthread [--database ...] &lt;command&gt; [options]</c>.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, Terminal terminal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var database = new Option<string?>("--database")
        {
            Description = $"A SQLite file path or 'Data Source=...', or a PostgreSQL 'Host=...' connection string. Defaults to ${Database.EnvironmentVariable}, then {Database.DefaultFile} in the working directory.",
            Recursive = true,
        };

        var root = new RootCommand("GoldenThread: performance management for councils and their partnerships.")
        {
            Options = { database },
            Subcommands =
            {
                ImportCommand.Create(database, terminal),
                ScorecardCommand.Create(database, terminal),
                ReturnsCommand.Create(database, terminal),
                MigrateCommand.Create(database, terminal),
                Web.ServeCommand.Create(database, terminal),
                People.UsersCommand.Create(database, terminal, Tokens.UsersTokenCommand.Create(database, terminal)),
                Worker.WorkerCommand.Create(database, terminal),
                Timetable.TimetableCommand.Create(database, terminal),
                Accounts.KeysCommand.Create(terminal),
                Intervention.LadderCommand.Create(database, terminal),
                ExceptionsCommand.Create(database, terminal),
            },
        };

        var configuration = new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
        }
        finally
        {
            await terminal.Out.FlushAsync(cancellationToken);
        }
    }

    /// <summary>The database named by <c>--database</c>, else by the environment, else the default file.</summary>
    internal static Database ResolveDatabase(ParseResult parseResult, Option<string?> option, Terminal terminal) =>
        Database.Parse(parseResult.GetValue(option) ?? terminal.Environment(Database.EnvironmentVariable));

    /// <summary>Runs a command body, turning errors meant for people into a message and exit code 1.</summary>
    internal static async Task<int> GuardAsync(Terminal terminal, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UserFacingException e)
        {
            await terminal.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            await terminal.Error.WriteLineAsync($"The database could not be used: {e.Message}");
            return 2;
        }
    }
}
