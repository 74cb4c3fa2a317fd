using System.Net;
using GoldenThread.Domain.Access;
using GoldenThread.Sessions;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Sessions;

/// <summary>The site on a clock the tests move forward (never wait on), with the default session lifetimes.</summary>
public class SessionsWebTestHost : WebTestHost
{
    /// <summary>Starts now, to the whole second, so that moments read back from either database compare equal.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override Role? SignedInAs => null;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>A client whose cookies the test can read and copy.</summary>
    public (HttpClient Client, CookieContainer Cookies) NewBrowser()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        return (client, cookies);
    }

    /// <summary>Another browser holding a copy of this browser's session cookie, as a thief would.</summary>
    public HttpClient CopyOf(CookieContainer cookies)
    {
        var (thief, stolen) = NewBrowser();
        foreach (Cookie cookie in cookies.GetCookies(BaseAddress))
        {
            if (cookie.Name == "goldenthread")
            {
                stolen.Add(BaseAddress, new Cookie(cookie.Name, cookie.Value));
            }
        }

        return thief;
    }

    public async Task<List<Session>> SessionsOfAsync(int personId)
    {
        await using var db = Database.Open();
        return await db.Sessions.AsNoTracking().Where(s => s.PersonId == personId).OrderBy(s => s.CreatedAt).ToListAsync();
    }

    public async Task<int> PersonIdAsync(string email)
    {
        await using var db = Database.Open();
        return await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }
}

public sealed class PostgresSessionsWebTestHost : SessionsWebTestHost
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
