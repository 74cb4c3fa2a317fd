using System.Text.RegularExpressions;
using GoldenThread.History;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.History;

/// <summary>
/// The record of every figure is append-only: the database refuses to change, remove or (on PostgreSQL) truncate a
/// record, whoever asks; the application refuses before it gets there; and no code in the application changes or
/// removes one.
/// </summary>
public sealed partial class FigureRecordTests
{
    [Theory, BothDatabases]
    public async Task Insert_IsAccepted_ButUpdateAndDelete_AreRefusedByTheDatabase(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var insert = provider == DatabaseProvider.Sqlite
            ? "INSERT INTO figure_records (at, who, indicator_id, area_id, period, field, old_value, new_value, source) VALUES (1, 'test', 1, 1, '2008-09-Q1', 'actual', NULL, '10', 'api')"
            : "INSERT INTO figure_records (at, who, indicator_id, area_id, period, field, old_value, new_value, source) VALUES (now(), 'test', 1, 1, '2008-09-Q1', 'actual', NULL, '10', 'api')";
        await db.Database.ExecuteSqlRawAsync(insert);

        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE figure_records SET new_value = '11'"));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM figure_records"));

        Assert.NotNull(update);
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.NotNull(delete);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal("10", await db.FigureRecords.Select(r => r.NewValue).SingleAsync());
    }

    [Fact]
    public async Task Truncate_IsRefusedByPostgres()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.Open();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO figure_records (at, who, indicator_id, area_id, period, field, new_value, source) VALUES (now(), 'test', 1, 1, '2008-09-Q1', 'actual', '10', 'api')");

        var truncate = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("TRUNCATE figure_records"));

        Assert.NotNull(truncate);
        Assert.Contains("append-only", truncate.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.FigureRecords.CountAsync());
    }

    [Theory, BothDatabases]
    public async Task TheApplication_RefusesToSaveAChangedOrRemovedRecord(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open(tracking: true))
        {
            new FigureLedger(db, TimeProvider.System).Record(
                GoldenThread.Audit.AuditActor.CommandLine, new FigureChange(1, 1, "2008-09-Q1", RecordedFields.Actual, null, "10", FigureSources.Api));
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open(tracking: true))
        {
            var record = await db.FigureRecords.SingleAsync();
            record.NewValue = "11";
            var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);
        }

        await using (var db = database.Open(tracking: true))
        {
            db.FigureRecords.Remove(await db.FigureRecords.SingleAsync());
            var removed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", removed.Message, StringComparison.Ordinal);
        }

        await using var check = database.Open();
        Assert.Equal("10", (await check.FigureRecords.SingleAsync()).NewValue);
    }

    /// <summary>
    /// The source itself: only the ledger and the bulk writers write records, and they only insert; nothing else
    /// names the table or the set except to read it. A new writer, or an update or delete of a record anywhere
    /// (EF Core's Remove, Update, ExecuteUpdate or ExecuteDelete, or SQL), fails this test.
    /// </summary>
    [Fact]
    public void NoCode_UpdatesOrDeletesAFigureRecord()
    {
        var source = Path.Combine(Repository.Root, "src");
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(source, "*.cshtml", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        string[] writers = ["History/FigureLedger.cs", "Storage/BulkWriter.cs", "Storage/SqliteBulkWriter.cs", "Storage/PostgresBulkWriter.cs"];

        var problems = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(Path.Combine(source, "GoldenThread"), file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            foreach (Match write in EfWrite().Matches(text))
            {
                problems.Add($"{relative}: {write.Value}");
            }

            foreach (Match sql in SqlWrite().Matches(text))
            {
                problems.Add($"{relative}: {sql.Value}");
            }

            var adds = text.Contains("FigureRecords.Add", StringComparison.Ordinal) || text.Contains("Tables.Records", StringComparison.Ordinal);
            if (adds && !writers.Contains(relative))
            {
                problems.Add($"{relative}: writes figure records, but only {string.Join(", ", writers)} may");
            }
        }

        Assert.True(problems.Count == 0, "Code that changes the record of every figure:\n" + string.Join('\n', problems));
        // The check can fail: the ledger's own Add is seen.
        Assert.Contains(files, f => File.ReadAllText(f).Contains("db.FigureRecords.Add(record)", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"FigureRecords\s*\.\s*(Remove|RemoveRange|Update|UpdateRange|Attach|AttachRange|Entry|ExecuteUpdate\w*|ExecuteDelete\w*)\b|Entry<FigureRecord>|Set<(History\.)?FigureRecord>\(\)\s*\.\s*(Remove|Update|Attach|Execute)")]
    private static partial Regex EfWrite();

    [GeneratedRegex(@"(?i)(UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+""?figure_records\b|(UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+\{\s*Tables\.Records")]
    private static partial Regex SqlWrite();
}
