using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Import;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Tokens;
using GoldenThread.Web;
using GoldenThread.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests.Infrastructure;

/// <summary>A person of the quarter's story: who they are, and how they sign in (an authenticator key for an administrator).</summary>
public sealed record QuarterPerson(int Id, string Email, string FullName, string Organisation, string Password, string? AuthenticatorKey);

/// <summary>
/// The real web site on Kestrel at a free loopback port over a fresh SQLite database of its own (the quarter writes,
/// so it cannot share the read-only demonstration site), on a clock the test moves (<see cref="FakeTimeProvider"/>,
/// never waited on) and a reporting calendar on 11 January 2010: 2009/10 Q3 has ended and its forms are not issued.
/// It holds a small framework imported as a bundle (a county, a council, its police and its primary care trust; four
/// quarterly indicators with 2009/10 targets and the two quarters before), 2009/10's timetable generated from the
/// default pattern, and the people of every channel: a council delivery lead (the web form), a police indicator owner
/// (the workbook), a health partner whose system holds an API submit token (made by the site's own token code), two
/// administrators of the central team (one quality-assures, the other signs off: four eyes, decision 0022) and an
/// auditor. Its own headless Debian Chromium, as <see cref="BrowserSite"/>'s.
/// </summary>
public sealed class QuarterSite : IAsyncLifetime
{
    public static readonly Period Quarter = Period.Parse("2009-10-Q3");

    /// <summary>The reporting calendar's "today": a week after the quarter ended, before its return deadline.</summary>
    public static readonly DateOnly Today = new(2010, 1, 11);

    public const string Area = "WSX";

    private string? _folder;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>The site's time: now to the whole second (so that cookies' lifetimes agree with the browser's clock), moved on by the test.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public Database Database { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The council's delivery lead for NI 8 and NI 110 in the county: enters the return on the web.</summary>
    public QuarterPerson CouncilLead { get; private set; } = null!;

    /// <summary>The police's owner of NI 16: fills in the workbook.</summary>
    public QuarterPerson PoliceLead { get; private set; } = null!;

    /// <summary>The primary care trust's owner of NI 39, whose system submits through the API with <see cref="HealthToken"/>.</summary>
    public QuarterPerson HealthPartner { get; private set; } = null!;

    /// <summary>An administrator of the central team who issues the forms and quality-assures.</summary>
    public QuarterPerson Assurer { get; private set; } = null!;

    /// <summary>Another administrator, who signs off.</summary>
    public QuarterPerson Signer { get; private set; } = null!;

    public QuarterPerson Auditor { get; private set; } = null!;

    /// <summary>The health partner's API token with submit scope.</summary>
    public string HealthToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("gt-quarter-").FullName;
        Database = Database.Parse(Path.Combine(_folder, "quarter.db"));
        await using (var db = Database.Open())
        {
            await Schema.ApplyAsync(db, CancellationToken.None);
            await ImportFrameworkAsync(db);
        }

        await AddPeopleAsync();
        await using (var db = Database.Open(tracking: true))
        {
            var editor = new TimetableEditor(db, new AuditLog(db, Clock));
            await editor.GenerateYearAsync(Quarter.FinancialYear, new AuditActor(null, "the journey's set-up", null), CancellationToken.None);
        }

        _app = WebApp.Build(
            new WebAppOptions(Database, ["http://127.0.0.1:0"], "Production")
            {
                RequireHttps = false,
                KeyCertificate = KeyCertificates.ForThisRun,
                ReportingToday = Today,
                Limits = new RateLimits(SignInPerMinute: 10_000, PasswordResetPerHour: 10_000, ApiPerMinute: 100_000),
            },
            builder => builder.Services.AddSingleton<TimeProvider>(Clock));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());

        if (!File.Exists(BrowserSite.ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {BrowserSite.ChromiumPath}: run ./run-tests, or apt-get install chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSite.ChromiumPath,
            Headless = true,
            Timeout = 30_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Runs every job that is due now, as the worker would (the issued forms' <c>returns.issue</c>): never waits for it.</summary>
    public Task<int> RunDueJobsAsync() => _app!.Services.GetRequiredService<JobRunner>().RunDueAsync();

    /// <summary>A fresh browser context and page, signed in as the person through the sign-in page (and the two-factor page, with a code for the site's clock).</summary>
    public async Task<BrowserTab> SignInAsync(QuarterPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var tab = new BrowserTab(context, await context.NewPageAsync());
        var page = tab.Page;
        await tab.VisitAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(person.Email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();
        await tab.WaitForPageAsync();
        if (person.AuthenticatorKey is { } key)
        {
            var secret = OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal));
            await page.Locator("input[name='Code']").FillAsync(new OtpNet.Totp(secret).ComputeTotp(Clock.GetUtcNow().UtcDateTime));
            await page.Locator("main form button[type='submit']").First.ClickAsync();
            await tab.WaitForPageAsync();
        }

        if (page.Url.Contains("/account/sign-in", StringComparison.Ordinal) || page.Url.Contains("/account/two-factor", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in as {person.Email} did not get past {page.Url}.");
        }

        return tab;
    }

    /// <summary>A client for the health partner's system: the site's address, and its token as a bearer.</summary>
    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HealthToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The framework, imported as any council's bundle is: read and checked, then written with its audit entry.</summary>
    private async Task ImportFrameworkAsync(GoldenThreadDb db)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder!, "bundle")).FullName;
        Write(folder, "areas.csv", ["code", "name", "parent_code"], [[Area, "Wessexshire", ""]]);
        Write(folder, "organisations.csv", ["code", "name", "kind"],
        [
            ["WCC", "Wessexshire County Council", "council"],
            ["WPOL", "Wessexshire Police", "police"],
            ["WPCT", "Wessexshire Primary Care Trust", "health"],
        ]);
        Write(folder, "indicators.csv", ["code", "title", "unit", "decimals", "polarity", "frequency", "accumulation", "lead_organisation_code", "min_value", "max_value"],
        [
            ["NI 8", "Adult participation in sport and active recreation", "percent", "1", "higher", "quarterly", "snapshot", "WCC", "0", "100"],
            ["NI 110", "Young people's participation in positive activities", "percent", "1", "higher", "quarterly", "snapshot", "WCC", "0", "100"],
            ["NI 16", "Serious acquisitive crime rate per 1,000 population", "rate", "2", "lower", "quarterly", "snapshot", "WPOL", "", ""],
            ["NI 39", "Hospital admissions for alcohol related harm per 100,000 population", "rate", "0", "lower", "quarterly", "snapshot", "WPCT", "", ""],
        ]);
        Write(folder, "targets.csv", ["indicator_code", "area_code", "period", "target"],
        [
            ["NI 8", Area, "2009-10", "24"],
            ["NI 110", Area, "2009-10", "70"],
            ["NI 16", Area, "2009-10", "15"],
            ["NI 39", Area, "2009-10", "1500"],
        ]);
        Write(folder, "values.csv", ["indicator_code", "area_code", "period", "actual", "projected_outturn", "note"],
        [
            ["NI 8", Area, "2009-10-Q1", "23.1", "24", ""],
            ["NI 8", Area, "2009-10-Q2", "23.6", "24.2", ""],
            ["NI 110", Area, "2009-10-Q1", "66", "69", ""],
            ["NI 110", Area, "2009-10-Q2", "64", "67", "Fewer summer sessions than planned."],
            ["NI 16", Area, "2009-10-Q1", "3.9", "15.2", ""],
            ["NI 16", Area, "2009-10-Q2", "3.7", "14.9", ""],
            ["NI 39", Area, "2009-10-Q1", "380", "1520", ""],
            ["NI 39", Area, "2009-10-Q2", "370", "1490", ""],
        ]);
        var outcome = BundleReader.Read(folder, await DatabaseCatalogue.LoadAsync(db, CancellationToken.None), today: Today);
        var bundle = outcome.Bundle ?? throw new InvalidOperationException("The quarter's framework is not a valid bundle: " + string.Join("; ", outcome.Problems));
        await BundleWriter.WriteAsync(db, bundle, new ImportRecord(new AuditActor(null, "the journey's set-up", null), "the quarter's framework", Clock), null, CancellationToken.None);
    }

    private async Task AddPeopleAsync()
    {
        await using var services = PeopleServices.Create(Database, KeyCertificates.ForThisRun, Clock);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id);
        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id);
        var area = await db.Areas.Where(a => a.Code == Area).Select(a => a.Id).SingleAsync();

        async Task<QuarterPerson> AddAsync(string email, string name, string organisation, bool authenticator, params (Role Role, string? Indicator, bool InArea)[] grants)
        {
            var person = new Person
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                FullName = name,
                OrganisationId = organisations[organisation],
                CreatedAt = Clock.GetUtcNow(),
            };
            var password = NewPassword();
            Check(await users.CreateAsync(person, password), email);
            foreach (var (role, indicator, inArea) in grants)
            {
                db.RoleAssignments.Add(new RoleAssignment
                {
                    PersonId = person.Id,
                    Role = role,
                    IndicatorId = indicator is null ? null : indicators[indicator],
                    AreaId = inArea ? area : null,
                    GrantedAt = Clock.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync();
            string? key = null;
            if (authenticator)
            {
                Check(await users.ResetAuthenticatorKeyAsync(person), email);
                key = await users.GetAuthenticatorKeyAsync(person);
                Check(await users.SetTwoFactorEnabledAsync(person, true), email);
            }

            return new QuarterPerson(person.Id, email, name, organisation, password, key);
        }

        CouncilLead = await AddAsync("casey.morgan@wessexshire.example", "Casey Morgan", "WCC", false, (Role.DeliveryLead, "NI 8", true), (Role.DeliveryLead, "NI 110", true));
        PoliceLead = await AddAsync("pat.reilly@police.wessexshire.example", "Pat Reilly", "WPOL", false, (Role.IndicatorOwner, "NI 16", false));
        HealthPartner = await AddAsync("hari.singh@pct.wessexshire.example", "Hari Singh", "WPCT", false, (Role.IndicatorOwner, "NI 39", false));
        Assurer = await AddAsync("quinn.harper@wessexshire.example", "Quinn Harper", "WCC", true, (Role.Administrator, null, false));
        Signer = await AddAsync("sasha.bell@wessexshire.example", "Sasha Bell", "WCC", true, (Role.Administrator, null, false));
        Auditor = await AddAsync("ari.wood@wessexshire.example", "Ari Wood", "WCC", false, (Role.Auditor, null, false));

        var issuer = scope.ServiceProvider.GetRequiredService<TokenIssuer>();
        var issued = await issuer.IssueAsync(HealthPartner.Id, "The trust's admissions system", TokenScope.Submit, TimeSpan.FromDays(30), new AuditActor(HealthPartner.Id, HealthPartner.Email, null));
        HealthToken = issued.Secret;
    }

    private static void Write(string folder, string file, string[] header, string[][] rows)
    {
        static string Cell(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
        var lines = new[] { header }.Concat(rows).Select(r => string.Join(',', r.Select(Cell)));
        File.WriteAllText(Path.Combine(folder, file), string.Join('\n', lines) + "\n", new UTF8Encoding(false));
    }

    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return string.Join('-', Enumerable.Range(0, 4).Select(i => new string(chars, i * 4, 4)));
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{email} could not be added: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>A moment as the audit trail writes it (its <c>time</c> elements and CSV): UTC to the second.</summary>
    public static string AuditTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
