using GoldenThread.History;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.History;

/// <summary>
/// The import writes the record of every figure in its own transaction (source <c>import</c>): each figure a row adds or
/// changes, each sign-off a change clears; <c>--signed-off --by</c> loads the values signed off, recorded as such.
/// </summary>
public sealed class ImportRecordsTests
{
    private static TestBundle First() => new TestBundle()
        .Area("A").Indicator("NI 1")
        .Target("NI 1", "A", "2008-09", "95")
        .Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85")
        .Value("NI 1", "A", "2008-09-Q2", actual: "70.50", projected: "90", note: "A note");

    [Theory, BothDatabases]
    public async Task Import_RecordsEveryFigureItAdds_AndEveryFigureItChanges(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var first = await CliRunner.RunAsync("--database", database.ConnectionString, "import", First().Write());
        Assert.True(first.ExitCode == 0, first.Error);
        var correction = new TestBundle()
            .Target("NI 1", "A", "2008-09", "90")
            .Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85")
            .Value("NI 1", "A", "2008-09-Q2", actual: "71", projected: "90");

        var second = await CliRunner.RunAsync("--database", database.ConnectionString, "import", correction.Write());

        Assert.True(second.ExitCode == 0, second.Error);
        var records = await RecordsAsync(database);
        Assert.All(records, r => Assert.Equal(FigureSources.Import, r.Source));
        Assert.All(records, r => Assert.EndsWith("(command line)", r.Who, StringComparison.Ordinal));
        Assert.Equal(
            [
                // The first import: every figure it added, the note only where there was one.
                "2008-09 target -> 95",
                "2008-09-Q1 actual -> 80",
                "2008-09-Q1 projected_outturn -> 85",
                "2008-09-Q2 actual -> 70.5",
                "2008-09-Q2 note -> A note",
                "2008-09-Q2 projected_outturn -> 90",
                // The second: only what changed (Q1 is as it was).
                "2008-09 target 95 -> 90",
                "2008-09-Q2 actual 70.5 -> 71",
                "2008-09-Q2 note A note -> ",
            ],
            records.Select(Describe).ToList());
    }

    [Theory, BothDatabases]
    public async Task Import_ThatChangesASignedOffRow_ClearsItsSignOff_AndKeepsTheSignOffOfRowsItLeavesAlone(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await CliRunner.RunAsync("--database", database.ConnectionString, "import", First().Write());
        var signedAt = new DateTimeOffset(2008, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await using (var db = database.Open(tracking: true))
        {
            foreach (var row in await db.Values.ToListAsync())
            {
                row.SignedOffAt = signedAt;
            }

            await db.SaveChangesAsync();
        }

        var correction = new TestBundle()
            .Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85")
            .Value("NI 1", "A", "2008-09-Q2", actual: "71", projected: "90", note: "A note");
        var second = await CliRunner.RunAsync("--database", database.ConnectionString, "import", correction.Write());

        Assert.True(second.ExitCode == 0, second.Error);
        await using var check = database.Open();
        var q1 = await check.Values.SingleAsync(v => v.Period == "2008-09-Q1");
        var q2 = await check.Values.SingleAsync(v => v.Period == "2008-09-Q2");
        Assert.Equal(signedAt, q1.SignedOffAt);
        Assert.Null(q2.SignedOffAt);
        var records = (await RecordsAsync(database)).Skip(6).Select(Describe).ToList();
        Assert.Equal(["2008-09-Q2 actual 70.5 -> 71", "2008-09-Q2 signed_off signed off -> "], records);
    }

    [Theory, BothDatabases]
    public async Task ImportSignedOff_SignsOffEveryValuesRowItLoads_ByThatPerson_RecordedAsSuch(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var person = await TestPeople.AddAsync(database, "signer@example.org");

        var result = await CliRunner.RunAsync(
            "--database", database.ConnectionString, "import", First().Write(), "--signed-off", "--by", "Signer@Example.org");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("The values are signed off by Test Person <signer@example.org>.", result.Out, StringComparison.Ordinal);
        await using var db = database.Open();
        var rows = await db.Values.ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(person.Id, r.SignedOffById));
        Assert.All(rows, r => Assert.NotNull(r.SignedOffAt));
        var signOffs = (await RecordsAsync(database)).Where(r => r.Field == RecordedFields.SignedOff).ToList();
        Assert.Equal(2, signOffs.Count);
        Assert.All(signOffs, r => Assert.Equal(RecordedFields.SignedOffValue, r.NewValue));
        Assert.All(signOffs, r => Assert.Equal("Signed off by Test Person <signer@example.org> when imported with --signed-off.", r.Reason));
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == GoldenThread.Audit.AuditActions.BundleImported);
        Assert.Contains("Signed off by Test Person <signer@example.org>", entry.Detail, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ImportSignedOff_OfAChangedSignedOffRow_RecordsTheOldSignOffClearedAndTheNewGiven(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var person = await TestPeople.AddAsync(database, "signer@example.org");
        await CliRunner.RunAsync("--database", database.ConnectionString, "import", First().Write(), "--signed-off", "--by", "signer@example.org");
        DateTimeOffset? before;
        await using (var db = database.Open())
        {
            before = (await db.Values.SingleAsync(v => v.Period == "2008-09-Q1")).SignedOffAt;
        }

        var correction = new TestBundle()
            .Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85")
            .Value("NI 1", "A", "2008-09-Q2", actual: "72", projected: "90", note: "A note");
        var result = await CliRunner.RunAsync(
            "--database", database.ConnectionString, "import", correction.Write(), "--signed-off", "--by", "signer@example.org");

        Assert.True(result.ExitCode == 0, result.Error);
        await using var check = database.Open();
        Assert.Equal(before, (await check.Values.SingleAsync(v => v.Period == "2008-09-Q1")).SignedOffAt);
        Assert.Equal(person.Id, (await check.Values.SingleAsync(v => v.Period == "2008-09-Q2")).SignedOffById);
        var records = (await RecordsAsync(database)).Skip(8).Select(Describe).ToList();
        Assert.Equal(["2008-09-Q2 actual 70.5 -> 72", "2008-09-Q2 signed_off signed off -> ", "2008-09-Q2 signed_off  -> signed off"], records);
    }

    [Theory, BothDatabases]
    public async Task ImportSignedOff_ByNoOne_OrSomeoneUnknownOrDeactivated_IsRefusedAndWritesNothing(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var gone = await TestPeople.AddAsync(database, "gone@example.org");
        await using (var db = database.Open(tracking: true))
        {
            (await db.People.SingleAsync(p => p.Id == gone.Id)).DeactivatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        var bundle = First().Write();
        var noBy = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle, "--signed-off");
        var byAlone = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle, "--by", "gone@example.org");
        var unknown = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle, "--signed-off", "--by", "nobody@example.org");
        var deactivated = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle, "--signed-off", "--by", "gone@example.org");

        Assert.NotEqual(0, noBy.ExitCode);
        Assert.Contains("--signed-off needs --by <email>", noBy.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, byAlone.ExitCode);
        Assert.Contains("goes with --signed-off", byAlone.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("there is no person with the email 'nobody@example.org'", unknown.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, deactivated.ExitCode);
        Assert.Contains("is deactivated", deactivated.Error, StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Equal(0, await check.Values.CountAsync());
        Assert.Equal(0, await check.FigureRecords.CountAsync());
    }

    [Theory, BothDatabases]
    public async Task ScorecardTable_SaysHowManyEntriesAreProvisional_AndWhenTheQuarterIsInProgress(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await TestPeople.AddAsync(database, "signer@example.org");
        await CliRunner.RunAsync("--database", database.ConnectionString, "import", First().Write());
        var provisional = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q2");
        await CliRunner.RunAsync("--database", database.ConnectionString, "import", First().Write(), "--signed-off", "--by", "signer@example.org");
        await using (var db = database.Open(tracking: true))
        {
            var quarter = Domain.Periods.Period.Parse("2008-09-Q2");
            db.PeriodCycles.Add(new GoldenThread.Timetable.PeriodCycle { Period = quarter.Code, PeriodStart = quarter.StartOrdinal, FormsIssuedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var final = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q2");
        var json = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q2", "--format", "json");

        Assert.Contains("1 of 1 entries rest on provisional figures, not signed off yet.", provisional.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("in progress", provisional.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("provisional", final.Out, StringComparison.Ordinal);
        Assert.Contains("2008/09 Q2 is still in progress", final.Out, StringComparison.Ordinal);
        Assert.True(Assert.Single(Tests.Scorecard.ScorecardJson.Parse(json.Out).Entries).GetProperty("final").GetBoolean());
    }

    private static async Task<List<FigureRecord>> RecordsAsync(Database database)
    {
        await using var db = database.Open();
        var records = await db.FigureRecords.AsNoTracking().ToListAsync();
        // In each import, by figure; the imports by when they ran.
        return records.OrderBy(r => r.At).ThenBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.Field == RecordedFields.SignedOff ? 1 : 0)
            .ThenBy(r => r.Field == RecordedFields.SignedOff ? r.Id : 0).ThenBy(r => r.Field, StringComparer.Ordinal).ToList();
    }

    private static string Describe(FigureRecord r) =>
        r.OldValue is null && r.Field != RecordedFields.SignedOff ? $"{r.Period} {r.Field} -> {r.NewValue}" : $"{r.Period} {r.Field} {r.OldValue} -> {r.NewValue}";
}
