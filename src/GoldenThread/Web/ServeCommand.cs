using System.CommandLine;
using GoldenThread.Cli;
using GoldenThread.Demo;
using GoldenThread.Storage;

namespace GoldenThread.Web;

/// <summary><c>serve</c>: runs the web site; <c>--demo</c> loads the demonstration partnership into an empty database first.</summary>
public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = $"Where to listen, e.g. http://0.0.0.0:8080 (default {DefaultUrl}). Several may be given, separated by spaces or semicolons.",
            AllowMultipleArgumentsPerToken = true,
        };
        var demo = new Option<bool>("--demo") { Description = "Load the demonstration partnership (Wessexshire) into the database first, if it is empty." };
        var worker = new Option<bool>("--worker") { Description = "Also run the background worker inside the site (or set GoldenThread__Worker__Enabled=true)." };
        var command = new Command("serve", "Run the web site.") { Options = { urls, demo, worker } };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
            var isDemo = parseResult.GetValue(demo);
            IReadOnlyList<DemoAccount> accounts = [];
            await using (var db = database.Open())
            {
                await Schema.EnsureCurrentAsync(db, database, terminal.Error, ct);

                // A file made before the site kept its journal in write-ahead-log mode is switched once, here.
                await Schema.UseWriteAheadLogAsync(db, ct);
                if (isDemo)
                {
                    var loaded = await DemoBundle.LoadIntoEmptyForCycleAsync(db, ct);
                    await terminal.Error.WriteLineAsync(loaded
                        ? "Loaded the demonstration partnership (Wessexshire)."
                        : "The database already has indicators, so the demonstration was not loaded; showing what is there.");
                }
            }

            if (isDemo)
            {
                await terminal.Error.WriteLineAsync("The demonstration made its own key for this run to protect sign-in cookies and authenticator keys: sessions end when it stops. A real site names one with GoldenThread__Keys__Certificate.");
                accounts = await DemoPeople.PrepareAsync(database, ct);
                await DemoCycle.PrepareAsync(database, ct);
                await PrintDemoAccountsAsync(terminal, accounts);
            }

            var listen = (parseResult.GetValue(urls) ?? [])
                .SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .DefaultIfEmpty(DefaultUrl)
                .ToList();
            var environment = terminal.Environment("ASPNETCORE_ENVIRONMENT") ?? "Production";
            await using var app = WebApp.Build(new WebAppOptions(database, listen, environment, isDemo) { DemoAccounts = accounts, RunWorker = parseResult.GetValue(worker) });
            await app.StartAsync(ct);
            foreach (var url in app.Urls)
            {
                await terminal.Error.WriteLineAsync($"GoldenThread is running: open {url} in a browser. Press Ctrl+C to stop.");
            }

            await terminal.Error.FlushAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        }));
        return command;
    }

    private static async Task PrintDemoAccountsAsync(Terminal terminal, IReadOnlyList<DemoAccount> accounts)
    {
        if (accounts.Count == 0)
        {
            await terminal.Error.WriteLineAsync("No demonstration people were prepared: the database holds another partnership's data.");
            return;
        }

        await terminal.Error.WriteLineAsync("Demonstration people (new passwords for this run; also shown on the sign-in page):");
        foreach (var account in accounts)
        {
            await terminal.Error.WriteLineAsync($"  {Domain.Access.Roles.Name(account.Role),-20} {account.Email,-42} {account.Password}"
                + (account.AuthenticatorKey is null ? "" : $"  (authenticator key {account.AuthenticatorKey})"));
        }
    }
}
