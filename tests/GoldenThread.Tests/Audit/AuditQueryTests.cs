using System.Text;
using CsvHelper;
using GoldenThread.Audit;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Audit;

/// <summary>The audit trail's filter and CSV on each database: days in UTC with both ends included, people by part of an email, newest first.</summary>
public sealed class AuditQueryTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Theory, BothDatabases]
    public async Task Filter_ByDaysActionAndPerson_KeepsTheRightEntriesNewestFirst(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open(tracking: true))
        {
            Add(db, Day.AddDays(-1).AddHours(23).AddMinutes(59), AuditActions.SignedIn, "Early@Example.org", null);
            Add(db, Day, AuditActions.SignedIn, "ann@example.org", null);
            Add(db, Day.AddHours(23).AddMinutes(59), AuditActions.RoleGranted, "admin@example.org", "ANN@example.org");
            Add(db, Day.AddDays(1), AuditActions.SignedIn, "late@example.org", null);
            await db.SaveChangesAsync();
        }

        Assert.Equal(["admin@example.org", "ann@example.org"], await ActorsAsync(database, "?from=2026-03-10&to=2026-03-10"));
        Assert.Equal(["late@example.org", "admin@example.org", "ann@example.org"], await ActorsAsync(database, "?from=2026-03-10"));
        Assert.Equal(["ann@example.org", "Early@Example.org"], await ActorsAsync(database, "?to=2026-03-10&action=signed_in"));
        Assert.Equal(["admin@example.org", "ann@example.org"], await ActorsAsync(database, "?person=Ann@"));
        Assert.Equal(["Early@Example.org"], await ActorsAsync(database, "?person=early"));
    }

    [Fact]
    public void FromQuery_ReportsWhatItCannotRead_AgainstItsField()
    {
        var query = new Dictionary<string, string> { ["action"] = "hacked", ["from"] = "31/03/2026", ["to"] = "2026-02-30", ["page"] = "-3" };

        var (filter, errors) = AuditFilter.FromQuery(name => query.GetValueOrDefault(name));

        Assert.Equal(["action", "from", "to"], errors.Select(e => e.Field));
        Assert.Equal(new AuditFilter(), filter);
    }

    [Fact]
    public void FromQuery_RefusesAnEndBeforeTheStart_AndKeepsTheRest()
    {
        var query = new Dictionary<string, string> { ["from"] = "2026-03-10", ["to"] = "2026-03-09", ["person"] = " ann ", ["page"] = "2" };

        var (filter, errors) = AuditFilter.FromQuery(name => query.GetValueOrDefault(name));

        Assert.Equal("to", Assert.Single(errors).Field);
        Assert.Equal(new AuditFilter(null, "ann", new DateOnly(2026, 3, 10), null, 2), filter);
        Assert.Equal("?person=ann&from=2026-03-10&page=2", filter.QueryString(2));
    }

    [Fact]
    public async Task Csv_HasTheContractColumns_AndWritesFormulasAsText()
    {
        var entries = new[]
        {
            new AuditEntry { Id = 2, At = Day.AddHours(9).AddMinutes(30), Action = AuditActions.OrganisationCreated, ActorName = "admin@example.org", SubjectName = "=HYPERLINK(\"http://evil\")", Detail = "Added, with \"quotes\"", IpAddress = "192.0.2.1" },
            new AuditEntry { Id = 1, At = Day, Action = AuditActions.SignedIn, ActorName = "command line", Detail = "Signed in." },
        };
        var text = new StringWriter();

        await AuditCsv.WriteAsync(entries.ToAsyncEnumerable(), text, CancellationToken.None);

        var rows = Read(text.ToString());
        Assert.Equal(["at", "action", "actor", "subject", "detail", "ip_address"], rows[0]);
        Assert.Equal(["2026-03-10T09:30:00Z", "organisation_created", "admin@example.org", "'=HYPERLINK(\"http://evil\")", "Added, with \"quotes\"", "192.0.2.1"], rows[1]);
        Assert.Equal(["2026-03-10T00:00:00Z", "signed_in", "command line", "", "Signed in.", ""], rows[2]);
    }

    internal static List<string[]> Read(string csv)
    {
        using var reader = CsvReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new CsvReaderOptions { HasHeader = false, Mode = CsvMode.Rfc4180 }, leaveOpen: false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    private static void Add(GoldenThreadDb db, DateTimeOffset at, string action, string actor, string? subject) =>
        new AuditLog(db, new FakeTimeProvider(at)).Add(new AuditActor(null, actor, null), action, "test", null, subject);

    private static async Task<List<string>> ActorsAsync(Database database, string query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var (filter, errors) = AuditFilter.FromQuery(name => parsed.TryGetValue(name, out var v) ? v.ToString() : null);
        Assert.Empty(errors);
        await using var db = database.Open();
        var page = await AuditQuery.PageAsync(db, filter, CancellationToken.None);
        var all = new List<string>();
        await foreach (var entry in AuditQuery.AllAsync(db, filter))
        {
            all.Add(entry.ActorName);
        }

        var shown = page.Entries.Select(e => e.ActorName).ToList();
        Assert.Equal(all, shown);
        Assert.Equal(all.Count, page.Total);
        return shown;
    }
}
