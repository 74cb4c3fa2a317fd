using System.CommandLine;
using GoldenThread.Cli;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace GoldenThread.Import;

/// <summary><c>import</c>: loads a bundle (a folder of CSV files or an .xlsx workbook), all or nothing.</summary>
public static class ImportCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        var path = new Argument<string>("bundle") { Description = "A folder of CSV files (areas.csv, organisations.csv, bodies.csv, indicators.csv, targets.csv, values.csv) or an .xlsx workbook with sheets of the same names." };
        var signedOff = new Option<bool>("--signed-off")
        {
            Description = "Load the values signed off, as final (for past years kept in spreadsheets), by the person --by names. Without it imported figures are provisional.",
        };
        var by = new Option<string?>("--by") { Description = "With --signed-off: the email of the active person who signed the figures off." };
        var command = new Command("import", "Load a bundle of areas, organisations, bodies, indicators, targets and values. Rows upsert on their keys; if any row is bad, nothing is written and every problem is listed.")
        {
            Arguments = { path },
            Options = { signedOff, by },
        };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
            await using var db = database.Open();
            await Schema.EnsureCurrentAsync(db, database, terminal.Error, ct);
            var catalogue = await DatabaseCatalogue.LoadAsync(db, ct);
            var bundlePath = parseResult.GetValue(path)!;
            var record = ImportRecord.CommandLine(bundlePath, TimeProvider.System) with
            {
                SignedOffBy = await SignerAsync(db, parseResult.GetValue(signedOff), parseResult.GetValue(by), ct),
            };

            var (outcome, counts) = terminal.Interactive
                ? await WithProgressAsync(terminal, bundlePath, record, catalogue, db, ct)
                : await RunAsync(bundlePath, record, catalogue, db, null, null, ct);
            if (counts is null)
            {
                foreach (var problem in outcome.Problems)
                {
                    await terminal.Error.WriteLineAsync(problem.ToString());
                }

                if (outcome.OmittedProblems > 0)
                {
                    await terminal.Error.WriteLineAsync($"... and {outcome.OmittedProblems} more problem(s) after these, not listed; fix the first ones and import again to see the rest.");
                }

                await terminal.Error.WriteLineAsync($"{outcome.ProblemCount} problem(s) found; nothing was imported.");
                return 1;
            }

            await terminal.Out.WriteLineAsync(counts.ToString());
            if (record.SignedOffBy is { } signer && counts.Values > 0)
            {
                await terminal.Out.WriteLineAsync($"The values are signed off by {signer.Name} <{signer.Email}>.");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The person named by <c>--signed-off --by</c>, who must exist and be active; null without <c>--signed-off</c>.
    /// Checked before the bundle is read, so a wrong name costs nothing.
    /// </summary>
    internal static async Task<ImportSigner?> SignerAsync(GoldenThreadDb db, bool signedOff, string? email, CancellationToken ct)
    {
        email = email?.Trim();
        if (!signedOff)
        {
            return string.IsNullOrEmpty(email)
                ? null
                : throw new UserFacingException("--by names who signed the figures off, so it goes with --signed-off: add --signed-off, or leave out --by to load the figures as provisional.");
        }

        if (string.IsNullOrEmpty(email))
        {
            throw new UserFacingException("--signed-off needs --by <email>: the email of the active person who signed the figures off.");
        }

        var normalised = email.ToUpperInvariant();
        var person = await db.People.AsNoTracking()
            .Where(p => p.NormalizedEmail == normalised)
            .Select(p => new { p.Id, p.FullName, p.Email, p.DeactivatedAt })
            .SingleOrDefaultAsync(ct)
            ?? throw new UserFacingException($"--by: there is no person with the email '{email}'. The figures can only be signed off by someone who has an account (see 'goldenthread users').");
        return person.DeactivatedAt is not null
            ? throw new UserFacingException($"--by: {person.FullName} <{person.Email}> is deactivated, so cannot sign figures off. Name an active person.")
            : new ImportSigner(person.Id, person.FullName, person.Email ?? email);
    }

    /// <summary>The real date in England: values must be for periods that have started by it (targets may be for any).</summary>
    private static DateOnly Today() => new ReportingClock(TimeProvider.System).Today;

    private static async Task<(ImportOutcome Outcome, ImportCounts? Counts)> RunAsync(
        string bundlePath, ImportRecord record, ICatalogue catalogue, GoldenThreadDb db, IProgress<ImportProgress>? reading, IProgress<long>? writing, CancellationToken ct)
    {
        var outcome = await Task.Run(() => BundleReader.Read(bundlePath, catalogue, reading, Today()), ct);
        if (outcome.Bundle is not { } bundle)
        {
            return (outcome, null);
        }

        return (outcome, await BundleWriter.WriteAsync(db, bundle, record, writing, ct));
    }

    private static async Task<(ImportOutcome Outcome, ImportCounts? Counts)> WithProgressAsync(
        Terminal terminal, string bundlePath, ImportRecord record, ICatalogue catalogue, GoldenThreadDb db, CancellationToken ct)
    {
        (ImportOutcome, ImportCounts?) result = default;
        await terminal.ErrorConsole().Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var read = context.AddTask("Reading and checking", maxValue: 1);
                var write = context.AddTask("Writing", autoStart: false, maxValue: 1);
                var reading = new Progress<ImportProgress>(p =>
                {
                    // A workbook's size is not known until it is read: show activity rather than an empty bar.
                    read.IsIndeterminate = p.TotalBytes == 0;
                    read.MaxValue = Math.Max(1, p.TotalBytes);
                    read.Value = p.BytesRead;
                });
                long total = 0;
                var writing = new Progress<long>(rows =>
                {
                    write.StartTask();
                    write.MaxValue = Math.Max(1, total);
                    write.Value = rows;
                });
                var outcome = await Task.Run(() => BundleReader.Read(bundlePath, catalogue, reading, Today()), ct);
                read.Value = read.MaxValue;
                read.StopTask();
                if (outcome.Bundle is not { } bundle)
                {
                    result = (outcome, null);
                    return;
                }

                total = bundle.RowCount;
                var counts = await BundleWriter.WriteAsync(db, bundle, record, writing, ct);
                write.Value = write.MaxValue;
                result = (outcome, counts);
            });
        return result;
    }
}
