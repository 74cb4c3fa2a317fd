using System.Net;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Administration;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Audit;

/// <summary>The audit trail pages: the administrator and the auditor read and download them; nobody else may; nothing on them changes anything.</summary>
public sealed class AuditTrailPageTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task Auditor_ReadsTheTrailNewestFirst_WithNoChangeButtons()
    {
        using var auditor = await host.SignInAsync(Role.Auditor);

        var page = await AdminPagesTests.GetAsync(auditor, "/audit");

        var ids = page.QuerySelectorAll("#audit tbody tr").Select(r => long.Parse(r.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.NotNull(page.QuerySelector("#audit tbody time[datetime]"));
        Assert.Contains(page.QuerySelectorAll("#audit tbody [data-column='actor']"), c => c.TextContent == host.Account(Role.Auditor).Email);
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        Assert.Equal("/audit", page.QuerySelector(".govuk-service-navigation__item--active a")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("label[for=from]"));
        Assert.NotNull(page.QuerySelector("label[for=action]"));
    }

    [Fact]
    public async Task Auditor_SeesTheDemonstrationImportAsOneEntry_AndDownloadsItsChanges()
    {
        using var auditor = await host.SignInAsync(Role.Auditor);

        var page = await AdminPagesTests.GetAsync(auditor, "/audit?action=" + AuditActions.BundleImported);

        var row = Assert.Single(page.QuerySelectorAll("#audit tbody tr"));
        Assert.Equal("the demonstration loader", row.QuerySelector("[data-column='actor']")!.TextContent);
        Assert.Contains("stored figures changed", row.TextContent, StringComparison.Ordinal);
        var link = row.QuerySelector("a[href$='/changes']")!.GetAttribute("href")!;
        using var download = await auditor.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("figure,area_code,indicator_code,period,old_value,new_value", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditor_FiltersByActionAndPerson()
    {
        using var auditor = await host.SignInAsync(Role.Auditor);
        var email = host.Account(Role.DeliveryLead).Email;

        var created = await AdminPagesTests.GetAsync(auditor, "/audit?action=person_created&person=" + Uri.EscapeDataString("DELIVERY.lead@"));

        var row = Assert.Single(created.QuerySelectorAll("#audit tbody tr"));
        Assert.Equal(AuditActions.PersonCreated, row.GetAttribute("data-action"));
        Assert.Equal(email, row.QuerySelector("[data-column='subject']")!.TextContent);
        Assert.Equal("person_created", created.QuerySelector("select#action option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task BadDates_AreRefusedWithMessagesAgainstTheirFields()
    {
        using var auditor = await host.SignInAsync(Role.Auditor);

        using var response = await auditor.GetAsync(new Uri("/audit?from=yesterday&to=2026-13-01", UriKind.Relative));
        var page = await AdminPagesTests.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal(["#from", "#to"], page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("yesterday", page.QuerySelector("input#from")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Pages_HoldFiftyEntriesEach_WithGovukPagination()
    {
        using var auditor = await host.SignInAsync(Role.Auditor);
        await using (var db = host.Database.Open(tracking: true))
        {
            var log = new AuditLog(db, TimeProvider.System);
            for (var i = 0; i < 120; i++)
            {
                log.Add(AuditActor.CommandLine, AuditActions.TokenRefused, $"paging {i}");
            }

            await db.SaveChangesAsync();
        }

        var first = await AdminPagesTests.GetAsync(auditor, "/audit?action=token_refused");
        var third = await AdminPagesTests.GetAsync(auditor, "/audit?action=token_refused&page=3");

        Assert.Equal(AuditQuery.PageSize, first.QuerySelectorAll("#audit tbody tr").Length);
        Assert.Equal(20, third.QuerySelectorAll("#audit tbody tr").Length);
        Assert.Equal("/audit?action=token_refused&page=2", first.QuerySelector(".govuk-pagination__next a")?.GetAttribute("href"));
        Assert.Equal("page", third.QuerySelector(".govuk-pagination__item--current a")?.GetAttribute("aria-current"));
        Assert.Equal("paging 19", third.QuerySelector("#audit tbody tr:first-child td:nth-child(5)")?.TextContent);
    }

    [Fact]
    public async Task Auditor_DownloadsTheFilteredTrailAsCsv()
    {
        using var auditor = await host.SignInAsync(Role.Auditor);

        using var response = await auditor.GetAsync(new Uri("/audit/download?action=person_created", UriKind.Relative));
        var rows = AuditQueryTests.Read(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=audit-trail.csv", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(["at", "action", "actor", "subject", "detail", "ip_address"], rows[0]);
        await using var db = host.Database.Open();
        var stored = await db.AuditEntries.Where(e => e.Action == AuditActions.PersonCreated).OrderByDescending(e => e.Id).Select(e => e.SubjectName).ToListAsync();
        Assert.True(stored.Count >= Roles.All.Count);
        Assert.Equal(stored, rows.Skip(1).Select(r => r[3]));
        Assert.All(rows.Skip(1), r => Assert.Equal(("person_created", "command line"), (r[1], r[2])));
    }

    [Fact]
    public async Task Administrator_ReadsAndDownloadsTheTrail()
    {
        using var admin = await host.SignInAsync(Role.Administrator);

        var page = await AdminPagesTests.GetAsync(admin, "/audit");
        using var csv = await admin.GetAsync(new Uri("/audit/download", UriKind.Relative));

        Assert.NotEmpty(page.QuerySelectorAll("#audit tbody tr"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.True(AuditQueryTests.Read(await csv.Content.ReadAsStringAsync()).Count > 1);
    }

    [Theory]
    [InlineData(Role.BodyMember, "/audit")]
    [InlineData(Role.BodyMember, "/audit/download")]
    [InlineData(Role.PerformanceOfficer, "/audit")]
    [InlineData(Role.DeliveryLead, "/audit/download")]
    public async Task OtherRoles_AreRefused(Role role, string path)
    {
        using var client = await host.SignInAsync(role);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("ip_address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
