using System.Net;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Administration;

/// <summary>Only an administrator reaches the administration pages: everyone else is refused with 403, and changes nothing.</summary>
public sealed class AdminAccessTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    public static TheoryData<string> AdminPages => new()
    {
        "/admin",
        "/admin/organisations",
        "/admin/organisations/1",
        "/admin/people",
        "/admin/people/add",
        "/admin/people/1",
        "/admin/people/1/grant",
        "/admin/people/1/grant?role=delivery_lead",
    };

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task PerformanceOfficer_IsRefused(string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/account/access-denied", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Auditor_IsRefused(string path)
    {
        using var auditor = await host.SignInAsync(Role.Auditor);

        using var response = await auditor.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Public_IsSentToSignIn()
    {
        using var response = await host.NewClient().GetAsync(new Uri("/admin/people", UriKind.Relative));

        Assert.Equal("/account/sign-in", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task NonAdministratorPosts_ChangeNothing()
    {
        using var auditor = await host.SignInAsync(Role.Auditor);
        await using var db = host.Database.Open();
        var target = await db.People.SingleAsync(p => p.Email == host.Account(Role.BodyMember).Email);

        // A valid anti-forgery token from a page the auditor may read, so only the authorisation can refuse.
        using var organisation = await Forms.PostAsync(auditor, "/", [new("code", "EVIL"), new("name", "Not allowed"), new("kind", "other")], "/admin/organisations");
        using var grant = await Forms.PostAsync(host.Client, "/", [new("role", "administrator")], $"/admin/people/{target.Id}/grant");
        using var deactivate = await Forms.PostAsync(host.Client, "/", [], $"/admin/people/{target.Id}?handler=Deactivate");

        Assert.All([organisation, grant, deactivate], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        await using var after = host.Database.Open();
        Assert.False(await after.Organisations.AnyAsync(o => o.Code == "EVIL"));
        Assert.False(await after.RoleAssignments.AnyAsync(r => r.PersonId == target.Id && r.Role == Role.Administrator));
        Assert.Null((await after.People.SingleAsync(p => p.Id == target.Id)).DeactivatedAt);
    }
}
