using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Administration;

/// <summary>Granting and removing a role through the pages, on PostgreSQL: the rows, the audit entries and the security stamp.</summary>
public sealed class GrantAndRemoveOnPostgresTests(PostgresWebTestHost host) : IClassFixture<PostgresWebTestHost>
{
    [Fact]
    public async Task GrantThenRemove_StoresAndDeletesTheRow_WithReadableAuditEntries()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        var person = await TestPeople.AddAsync(host.Database, "new.lead@police.example");
        var grantPath = $"/admin/people/{person.Id}/grant";

        using var granted = await Forms.PostAsync(admin, grantPath + "?role=delivery_lead", [new("role", "delivery_lead"), new("indicator", "NI 15"), new("area", "HRT")], grantPath);
        var grantedPage = await AdminPagesTests.ParseAsync(granted);
        await using var db = host.Database.Open();
        var assignment = await db.RoleAssignments.Include(r => r.Indicator).Include(r => r.Area).SingleAsync(r => r.PersonId == person.Id);
        var stampAfterGrant = (await db.People.SingleAsync(p => p.Id == person.Id)).SecurityStamp;
        using var duplicate = await Forms.PostAsync(admin, grantPath + "?role=delivery_lead", [new("role", "delivery_lead"), new("indicator", "NI 15"), new("area", "HRT")], grantPath);
        var personPath = $"/admin/people/{person.Id}";
        using var removed = await Forms.PostAsync(admin, personPath, [new("role", assignment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], personPath + "?handler=RemoveRole");

        Assert.Equal(personPath, granted.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Test Person is now Delivery lead for NI 15 in Hartmere.", AdminPagesTests.Text(grantedPage, ".govuk-notification-banner__heading"));
        Assert.Equal((Role.DeliveryLead, "NI 15", "HRT"), (assignment.Role, assignment.Indicator!.Code, assignment.Area!.Code));
        Assert.NotEqual(person.SecurityStamp, stampAfterGrant);
        Assert.Contains("already holds this role", AdminPagesTests.Text(await AdminPagesTests.ParseAsync(duplicate), ".govuk-error-summary"), StringComparison.Ordinal);
        Assert.Contains("is no longer Delivery lead for NI 15 in Hartmere", AdminPagesTests.Text(await AdminPagesTests.ParseAsync(removed), ".govuk-notification-banner__heading"), StringComparison.Ordinal);
        await using var after = host.Database.Open();
        Assert.False(await after.RoleAssignments.AnyAsync(r => r.PersonId == person.Id));
        Assert.NotEqual(stampAfterGrant, (await after.People.SingleAsync(p => p.Id == person.Id)).SecurityStamp);
        var entries = await after.AuditEntries.Where(e => e.SubjectId == person.Id).OrderBy(e => e.Id).Select(e => new { e.Action, e.Detail, e.ActorName }).ToListAsync();
        Assert.Equal(
            [(AuditActions.RoleGranted, "Granted Delivery lead for NI 15 in Hartmere."), (AuditActions.RoleRemoved, "Removed Delivery lead for NI 15 in Hartmere.")],
            entries.Select(e => (e.Action, e.Detail)));
        Assert.All(entries, e => Assert.Equal(host.Account(Role.Administrator).Email, e.ActorName));
    }
}
