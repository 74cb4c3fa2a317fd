using System.CommandLine;
using GoldenThread.Audit;
using GoldenThread.Cli;
using GoldenThread.Storage;

namespace GoldenThread.Timetable;

/// <summary>
/// <c>timetable generate --year 2009-10</c> (the year's dates from the pattern, as the central team's page does),
/// <c>timetable holidays add --date 2020-05-08 --name "VE day"</c> (the operator's list of holidays, for one-off and
/// moved bank holidays that no rule gives) and <c>timetable holidays list --year 2020</c>. Audited as done at the command line.
/// </summary>
public static class TimetableCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var year = new Option<string>("--year") { Description = "The financial year, such as 2009-10.", Required = true };
        var generate = new Command("generate", "Give a year's quarters their dates from the timetable pattern; dates changed by hand are kept.") { Options = { year } };
        generate.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            if (!TimetableStore.TryParseYear(parseResult.GetValue(year), out var financialYear))
            {
                throw new UserFacingException($"--year: '{parseResult.GetValue(year)}' is not a financial year; give one such as 2009-10.");
            }

            await using var db = await OpenAsync(parseResult, databaseOption, terminal, ct);
            var result = await new TimetableEditor(db, new AuditLog(db, TimeProvider.System)).GenerateYearAsync(financialYear, AuditActor.CommandLine, ct);
            await terminal.Out.WriteLineAsync(result.Describe(financialYear));
            return 0;
        }));

        var date = new Option<string>("--date") { Description = "The day, such as 2020-05-08.", Required = true };
        var name = new Option<string>("--name") { Description = "What the holiday is called, such as \"VE day\".", Required = true };
        var add = new Command("add", "Add a holiday that no rule gives (a one-off bank holiday, or the new day of a moved one).") { Options = { date, name } };
        add.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            if (!TimetableDates.TryParseIso(parseResult.GetValue(date), out var day))
            {
                throw new UserFacingException($"--date: '{parseResult.GetValue(date)}' is not a date; give one such as 2020-05-08.");
            }

            await using var db = await OpenAsync(parseResult, databaseOption, terminal, ct);
            await new TimetableEditor(db, new AuditLog(db, TimeProvider.System)).AddHolidayAsync(day, parseResult.GetValue(name)!, AuditActor.CommandLine, ct);
            await terminal.Out.WriteLineAsync($"Added {TimetableDates.Long(day)} to the holidays. Generate the years it falls in again to move their dates.");
            return 0;
        }));

        var calendarYear = new Option<int>("--year") { Description = "The calendar year, such as 2020.", Required = true };
        var list = new Command("list", "List a calendar year's holidays: the bank holidays by rule and those added.") { Options = { calendarYear } };
        list.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var y = parseResult.GetValue(calendarYear);
            if (y is < Domain.Periods.Period.MinYear or > Domain.Periods.Period.MaxYear)
            {
                throw new UserFacingException($"--year: {y} is not a year the timetable covers.");
            }

            await using var db = await OpenAsync(parseResult, databaseOption, terminal, ct);
            foreach (var (holiday, added) in await TimetableStore.HolidaysAsync(db, y, ct))
            {
                await terminal.Out.WriteLineAsync($"{TimetableDates.Iso(holiday.Date)}\t{holiday.Name}\t{(added ? "added" : "rule")}");
            }

            return 0;
        }));

        return new Command("timetable", "The reporting timetable: generate a year's dates, and the holidays working days skip.")
        {
            Subcommands = { generate, new Command("holidays", "The holidays the working days skip.") { Subcommands = { add, list } } },
        };
    }

    private static async Task<GoldenThreadDb> OpenAsync(ParseResult parseResult, Option<string?> databaseOption, Terminal terminal, CancellationToken cancellationToken)
    {
        var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
        var db = database.Open(tracking: true);
        try
        {
            await Schema.EnsureCurrentAsync(db, database, terminal.Error, cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
