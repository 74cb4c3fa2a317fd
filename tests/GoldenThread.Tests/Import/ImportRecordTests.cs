using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Import;

/// <summary>Every import is in the audit trail: who, from where, what, how many rows, and each figure it changed.</summary>
public sealed class ImportRecordTests
{
    [Theory, BothDatabases]
    public async Task Import_FromCommandLine_IsRecordedWithWhoWhereWhatAndCounts(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var bundle = new TestBundle()
            .Area("A").Area("B", parent: "A").Indicator("NI 1")
            .Target("NI 1", "A", "2008-09", "95")
            .Value("NI 1", "A", "2008-09-Q1", actual: "80").Value("NI 1", "B", "2008-09-Q1", actual: "70");
        var path = bundle.Write();

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", path);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = database.Open();
        var entry = Assert.Single(await db.AuditEntries.Where(e => e.Action == AuditActions.BundleImported).ToListAsync());
        Assert.Equal($"{Environment.UserName} (command line)", entry.ActorName);
        Assert.Equal(Environment.MachineName, entry.IpAddress);
        Assert.Equal(Path.GetFullPath(path), entry.SubjectName);
        Assert.Equal("6 rows: 2 areas, 0 organisations, 0 bodies, 1 indicators, 1 targets, 2 values; 0 stored figures changed.", entry.Detail);
        Assert.Empty(await db.ImportChanges.ToListAsync());
    }

    [Theory, BothDatabases]
    public async Task Import_Correction_RecordsEachChangedFigureWithOldAndNewValues(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var first = new TestBundle()
            .Area("A").Area("B").Indicator("NI 1")
            .Target("NI 1", "A", "2008-09", "95")
            .Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85")
            .Value("NI 1", "B", "2008-09-Q1", actual: "70", projected: "75", note: "Same again");
        var correction = new TestBundle()
            .Target("NI 1", "A", "2008-09", "90")
            .Value("NI 1", "A", "2008-09-Q1", actual: "81", projected: "85", note: "Corrected")
            .Value("NI 1", "B", "2008-09-Q1", actual: "70.00", projected: "75", note: "Same again")
            .Value("NI 1", "B", "2008-09-Q2", actual: "71");
        Assert.Equal(0, (await CliRunner.RunAsync("--database", database.ConnectionString, "import", first.Write())).ExitCode);

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", correction.Write());

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = database.Open();
        var entries = await db.AuditEntries.Where(e => e.Action == AuditActions.BundleImported).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.EndsWith("; 3 stored figures changed.", entries[1].Detail, StringComparison.Ordinal);
        var changes = await db.ImportChanges.Where(c => c.AuditEntryId == entries[1].Id).ToListAsync();
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal("A", c.AreaCode));
        Assert.All(changes, c => Assert.Equal("NI 1", c.IndicatorCode));
        var target = Assert.Single(changes, c => c.Figure == ImportChange.Target);
        Assert.Equal("2008-09", target.Period);
        Assert.Equal((95m, 90m), (Number(target.OldValue), Number(target.NewValue)));
        var actual = Assert.Single(changes, c => c.Figure == ImportChange.Actual);
        Assert.Equal("2008-09-Q1", actual.Period);
        Assert.Equal((80m, 81m), (Number(actual.OldValue), Number(actual.NewValue)));
        var note = Assert.Single(changes, c => c.Figure == ImportChange.Note);
        Assert.Equal((null, "Corrected"), (note.OldValue, note.NewValue));
    }

    [Theory, BothDatabases]
    public async Task Import_Refused_RecordsNothing(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var bad = new TestBundle().Area("A").Indicator("NI 1").Value("NI 1", "A", "2008-09-Q1", actual: "12,5");

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bad.Write());

        Assert.Equal(1, result.ExitCode);
        await using var db = database.Open();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.BundleImported));
        Assert.False(await db.ImportChanges.AnyAsync());
    }

    private static decimal? Number(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
}
