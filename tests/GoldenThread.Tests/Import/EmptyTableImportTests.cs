using System.Globalization;
using System.Text;
using GoldenThread.History;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Import;

/// <summary>
/// Into empty figures tables the bulk writers take a faster path (a plain insert or a COPY straight into the keyed
/// table, the records written by the writer itself); what they store and record must be exactly what the upsert path
/// stores and records for the same new rows.
/// </summary>
public sealed class EmptyTableImportTests
{
    private static readonly decimal[] Numbers =
    [
        0m, -0m, 0.0m, 1m, -1m, 410m, 410.0m, 70.50m, -3.20m, 0.001m, 1000m, 12345.6789m, 0.0000000000000000000000000001m,
        -0.0000000000000000000000000001m, 79228162514264337593543950335m, -79228162514264337593543950335m, 7.9228162514264337593543950335m,
    ];

    [Fact]
    public void StoredText_IsTheCustomFormatItReplaces()
    {
        var buffer = new byte[64];
        foreach (var number in Numbers)
        {
            var stored = number.ToString("0.0###########################", CultureInfo.InvariantCulture);
            Assert.Equal(stored, Encoding.UTF8.GetString(SqliteBulkWriter.StoredText(number, buffer)));
            var recorded = stored.Contains('.', StringComparison.Ordinal) ? stored.TrimEnd('0').TrimEnd('.') : stored;
            Assert.Equal(recorded, Encoding.UTF8.GetString(SqliteBulkWriter.RecordText(number, buffer)));
            // PostgreSQL's trim_scale(n)::text: no trailing zeros, and no sign on zero.
            var trimmed = number == 0m ? "0" : number.ToString("0.############################", CultureInfo.InvariantCulture);
            Assert.Equal(trimmed, PostgresBulkWriter.RecordText(number));
        }
    }

    [Theory, BothDatabases]
    public async Task RowsImportedIntoEmptyTables_AreStoredAndRecordedAsIntoTablesThatAreNot(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A").Indicator("NI 1")
            .Target("NI 1", "A", "2008-09", "95.50")
            .Target("NI 1", "A", "2009-10", "0")
            .Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85.0")
            .Value("NI 1", "A", "2008-09-Q2", actual: "70.50", projected: "3.20", note: "A note")
            .Value("NI 1", "A", "2008-09-Q3", actual: "0.001")
            .Value("NI 1", "A", "2008-09-Q4", projected: "1", note: "Only a note");
        var empty = await TestDatabase.CreateAsync(provider);
        await TestPeople.AddAsync(empty, "signer@example.org");
        var notEmpty = await TestDatabase.CreateAsync(provider);
        await TestPeople.AddAsync(notEmpty, "signer@example.org");
        var other = new TestBundle().Area("B").Indicator("NI 1").Target("NI 1", "B", "2008-09", "1").Value("NI 1", "B", "2008-09-Q1", actual: "2");
        Assert.Equal(0, (await CliRunner.RunAsync("--database", notEmpty.ConnectionString, "import", other.Write())).ExitCode);

        foreach (var database in new[] { empty, notEmpty })
        {
            var result = await CliRunner.RunAsync(
                "--database", database.ConnectionString, "import", bundle.Write(), "--signed-off", "--by", "signer@example.org");
            Assert.True(result.ExitCode == 0, result.Error);
        }

        var (storedInEmpty, recordedInEmpty) = await AreaAAsync(empty);
        var (storedInNotEmpty, recordedInNotEmpty) = await AreaAAsync(notEmpty);
        Assert.Equal(storedInNotEmpty, storedInEmpty);
        Assert.Equal(recordedInNotEmpty, recordedInEmpty);
        Assert.Equal(
            [
                "2008-09 target -> 95.5 (import)",
                "2008-09-Q1 actual -> 80 (import)",
                "2008-09-Q1 projected_outturn -> 85 (import)",
                "2008-09-Q1 signed_off -> signed off (import) Signed off by Test Person <signer@example.org> when imported with --signed-off.",
            ],
            recordedInEmpty.Take(4));
        Assert.Equal(14, recordedInEmpty.Count);
    }

    /// <summary>What is stored and recorded for area A, in a fixed order, without the ids and times that differ between databases.</summary>
    private static async Task<(List<string> Stored, List<string> Recorded)> AreaAAsync(Database database)
    {
        await using var db = database.Open();
        var area = await db.Areas.Where(a => a.Code == "A").Select(a => a.Id).SingleAsync();
        var values = (await db.Values.AsNoTracking().Where(v => v.AreaId == area).ToListAsync())
            .Select(v => $"{v.Period} {v.PeriodStart} {v.Actual} {v.ProjectedOutturn} {v.Note} {v.SignedOffAt is not null} {v.SignedOffById is not null}");
        var targets = (await db.Targets.AsNoTracking().Where(t => t.AreaId == area).ToListAsync()).Select(t => $"{t.Period} {t.PeriodStart} {t.Value}");
        var records = (await db.FigureRecords.AsNoTracking().Where(r => r.AreaId == area).ToListAsync())
            .Select(r => $"{r.Period} {r.Field} {r.OldValue}-> {r.NewValue} ({r.Source}){(r.Reason is null ? string.Empty : " " + r.Reason)}{(r.PersonId is null ? string.Empty : " person")}");
        return (
            [.. values.Concat(targets).Order(StringComparer.Ordinal)],
            [.. records.Order(StringComparer.Ordinal)]);
    }
}
