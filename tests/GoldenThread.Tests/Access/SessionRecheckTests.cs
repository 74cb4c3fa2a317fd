using System.Net;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Access;

/// <summary>
/// Open sessions are re-checked against the database (here on every request, instead of every minute): an
/// administrator keeps their second factor through the re-check, and a deactivated person is signed out.
/// </summary>
public sealed class SessionRecheckTests(SessionRecheckTests.Host host) : IClassFixture<SessionRecheckTests.Host>
{
    public sealed class Host : WebTestHost
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
    }

    [Fact]
    public async Task An_administrator_keeps_their_second_factor_when_the_session_is_rechecked()
    {
        using var admin = await host.SignInAsync(Role.Administrator, followRedirects: false);

        for (var i = 0; i < 3; i++)
        {
            using var response = await admin.GetAsync(new Uri("/admin", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_person_whose_security_stamp_changes_is_signed_out_of_open_sessions()
    {
        var person = await TestPeople.AddAsync(host.Database, "leaver@example.org");
        using var client = host.NewClient(followRedirects: false);
        using (var signIn = await Forms.PostAsync(client, "/account/sign-in", [new("Email", "leaver@example.org"), new("Password", TestPeople.Password)]))
        {
            Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        }

        using (var before = await client.GetAsync(new Uri("/scorecard", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var services = PeopleServices.Create(host.Database))
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var stored = await users.FindByIdAsync(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await users.UpdateSecurityStampAsync(stored!);
        }

        using var after = await client.GetAsync(new Uri("/scorecard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
