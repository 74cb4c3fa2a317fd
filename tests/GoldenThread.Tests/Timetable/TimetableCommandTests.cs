using GoldenThread.Audit;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Timetable;

/// <summary><c>timetable generate</c> and <c>timetable holidays add|list</c>, on each database.</summary>
public sealed class TimetableCommandTests
{
    [Theory, BothDatabases]
    public async Task Generate_ThenHolidaysAdd_ThenGenerateAgain_MovesTheDeadline(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        string[] db = ["--database", database.ConnectionString];

        var generated = await CliRunner.RunAsync([.. db, "timetable", "generate", "--year", "2009-10"]);
        var added = await CliRunner.RunAsync([.. db, "timetable", "holidays", "add", "--date", "2009-07-13", "--name", "A one-off holiday"]);
        var again = await CliRunner.RunAsync([.. db, "timetable", "generate", "--year", "2009-10"]);
        var listed = await CliRunner.RunAsync([.. db, "timetable", "holidays", "list", "--year", "2009"]);

        Assert.Equal((0, "Generated the timetable for 2009/10 from the pattern: 54 added, 0 changed, 0 unchanged, 0 kept as edited by hand, 0 removed.\n"), (generated.ExitCode, generated.Out));
        Assert.Equal(0, added.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("2009-07-13\tA one-off holiday\tadded", listed.Out, StringComparison.Ordinal);
        Assert.Contains("2009-12-28\tBoxing Day (substitute day)\trule", listed.Out, StringComparison.Ordinal);
        await using var check = database.Open();
        var deadline = await check.TimetableMilestones.SingleAsync(m => m.Period == "2009-10-Q1" && m.Milestone == Milestone.ReturnDeadline);
        Assert.Equal((new DateOnly(2009, 7, 16), 1), (deadline.Date, deadline.Sequence));
        Assert.Equal(["command line"], await check.AuditEntries.Where(e => e.Action == AuditActions.BankHolidayAdded).Select(e => e.ActorName).ToListAsync());
    }

    [Theory]
    [InlineData(new[] { "timetable", "generate", "--year", "2009" }, "--year: '2009' is not a financial year; give one such as 2009-10.")]
    [InlineData(new[] { "timetable", "holidays", "add", "--date", "8 May 2020", "--name", "VE day" }, "--date: '8 May 2020' is not a date; give one such as 2020-05-08.")]
    [InlineData(new[] { "timetable", "holidays", "add", "--date", "2020-05-04", "--name", "Early May" }, "Monday 4 May 2020 is already a bank holiday: Early May bank holiday.")]
    public async Task BadInput_IsRefusedWithAMessage(string[] args, string message)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await CliRunner.RunAsync(["--database", database.ConnectionString, .. args]);

        Assert.Equal((1, message), (result.ExitCode, result.Error.Trim()));
    }
}
