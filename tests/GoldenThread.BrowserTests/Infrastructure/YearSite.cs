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

/// <summary>
/// The real web site on Kestrel at a free loopback port over a fresh SQLite database of its own, for a whole reporting
/// year (2009/10) played quarter by quarter. Unlike <see cref="QuarterSite"/> its reporting calendar is not fixed: the
/// site's "today" is the date by its <see cref="TimeProvider"/>, a <see cref="FakeTimeProvider"/> the test moves from
/// quarter to quarter (never waited on), so each quarter's forms can be issued once it has started, and its cycle closed.
/// It holds a small framework imported as a bundle (a county, its council and police; a strategic board, an executive
/// board and a thematic partnership accountable for three quarterly indicators; profiled quarterly targets for the
/// indicator whose story the test tells), 2009/10's timetable generated from the default pattern, and the people of each
/// role: the council's delivery lead, the owners of the two background indicators (whose figures come in as bundles, see
/// <see cref="ImportBackgroundFiguresAsync"/>), a member of the partnership, a member of the executive board, two
/// administrators of the central team (four eyes) and an auditor. Its own headless Debian Chromium.
/// </summary>
public sealed class YearSite : IAsyncLifetime
{
    public static readonly Period Year = Period.Parse("2009-10");

    public const string Area = "WSX";

    public const string AreaName = "Wessexshire";

    /// <summary>The thematic partnership accountable for every indicator of the framework.</summary>
    public const string Partnership = "HCP";

    public const string ExecutiveBoard = "EXB";

    public const string StrategicBoard = "SPB";

    /// <summary>The indicator whose year the test tells: quarterly, higher is better, with profiled quarterly targets.</summary>
    public const string Story = "NI 8";

    /// <summary>The indicator the executive board raises by hand.</summary>
    public const string Raised = "NI 110";

    /// <summary>An indicator that stays on track all year.</summary>
    public const string Quiet = "NI 16";

    private string? _folder;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>
    /// The site's time: the Monday after 2009/10 Q1 ended, 09:00 in England, moved on by the test. Every cookie the site
    /// sets is a session cookie, so the browser's own clock does not matter.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2009, 7, 6, 8, 0, 0, TimeSpan.Zero));

    public Database Database { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The council's delivery lead for NI 8 in the county.</summary>
    public QuarterPerson Lead { get; private set; } = null!;

    /// <summary>A member of the thematic partnership accountable for the indicators.</summary>
    public QuarterPerson PartnershipMember { get; private set; } = null!;

    /// <summary>A member of the executive board.</summary>
    public QuarterPerson BoardMember { get; private set; } = null!;

    /// <summary>An administrator of the central team who issues the forms, quality-assures and closes the cycles.</summary>
    public QuarterPerson Assurer { get; private set; } = null!;

    /// <summary>Another administrator, who signs off.</summary>
    public QuarterPerson Signer { get; private set; } = null!;

    public QuarterPerson Auditor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("gt-year-").FullName;
        Database = Database.Parse(Path.Combine(_folder, "year.db"));
        await using (var db = Database.Open())
        {
            await Schema.ApplyAsync(db, CancellationToken.None);
            await ImportFrameworkAsync(db);
        }

        await AddPeopleAsync();
        await using (var db = Database.Open(tracking: true))
        {
            var editor = new TimetableEditor(db, new AuditLog(db, Clock));
            await editor.GenerateYearAsync(Year, new AuditActor(null, "the journey's set-up", null), CancellationToken.None);
        }

        _app = WebApp.Build(
            new WebAppOptions(Database, ["http://127.0.0.1:0"], "Production")
            {
                RequireHttps = false,
                KeyCertificate = KeyCertificates.ForThisRun,
                ReportingToday = null,
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

    /// <summary>The reporting calendar's date now, in England (as the site's <see cref="ReportingClock"/> reads it).</summary>
    public DateOnly Today => new ReportingClock(Clock).Today;

    /// <summary>Moves the site's clock to a moment (forwards only).</summary>
    public void MoveTo(DateTimeOffset at)
    {
        var now = Clock.GetUtcNow();
        if (at <= now)
        {
            throw new InvalidOperationException($"The year's clock only moves on: it is {now:O}, not before {at:O}.");
        }

        Clock.Advance(at - now);
    }

    /// <summary>Runs every job that is due now, as the worker would: never waits for it.</summary>
    public Task<int> RunDueJobsAsync() => _app!.Services.GetRequiredService<JobRunner>().RunDueAsync();

    /// <summary>
    /// The background indicators' figures for a quarter that has ended, imported as any partner's bundle is (read and
    /// checked against the site's calendar today, then written with its audit entry): the story does not need them entered.
    /// </summary>
    public async Task ImportBackgroundFiguresAsync(Period quarter, (string Indicator, string Actual, string Projected)[] figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var folder = Directory.CreateDirectory(Path.Combine(_folder!, "figures-" + quarter.Code)).FullName;
        Write(folder, "values.csv", ["indicator_code", "area_code", "period", "actual", "projected_outturn", "note"],
            [.. figures.Select(f => new[] { f.Indicator, Area, quarter.Code, f.Actual, f.Projected, "" })]);
        await using var db = Database.Open();
        await ImportAsync(db, folder, $"the background figures for {quarter.DisplayName}");
    }

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

    /// <summary>
    /// The framework, imported as any council's bundle is. NI 8's profile: 40, 42, 44 and 46 (the year's target) at the
    /// quarters' ends; NI 110 and NI 16 have a year's target only, and stay on track.
    /// </summary>
    private async Task ImportFrameworkAsync(GoldenThreadDb db)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder!, "bundle")).FullName;
        Write(folder, "areas.csv", ["code", "name", "parent_code"], [[Area, AreaName, ""]]);
        Write(folder, "organisations.csv", ["code", "name", "kind"],
        [
            ["WCC", "Wessexshire County Council", "council"],
            ["WPOL", "Wessexshire Police", "police"],
        ]);
        Write(folder, "bodies.csv", ["code", "name", "kind", "escalates_to"],
        [
            [StrategicBoard, "Wessexshire Strategic Partnership Board", "strategic_board", ""],
            [ExecutiveBoard, "Wessexshire Executive Board", "executive_board", StrategicBoard],
            [Partnership, "Healthier Communities Partnership", "thematic_partnership", ExecutiveBoard],
        ]);
        Write(folder, "indicators.csv", ["code", "title", "unit", "decimals", "polarity", "frequency", "accumulation", "body_code", "lead_organisation_code", "min_value", "max_value"],
        [
            [Story, "Adult participation in sport and active recreation", "percent", "1", "higher", "quarterly", "snapshot", Partnership, "WCC", "0", "100"],
            [Raised, "Young people's participation in positive activities", "percent", "1", "higher", "quarterly", "snapshot", Partnership, "WCC", "0", "100"],
            [Quiet, "Serious acquisitive crime rate per 1,000 population", "rate", "2", "lower", "quarterly", "snapshot", Partnership, "WPOL", "", ""],
        ]);
        Write(folder, "targets.csv", ["indicator_code", "area_code", "period", "target"],
        [
            [Story, Area, "2009-10", "46"],
            [Story, Area, "2009-10-Q1", "40"],
            [Story, Area, "2009-10-Q2", "42"],
            [Story, Area, "2009-10-Q3", "44"],
            [Story, Area, "2009-10-Q4", "46"],
            [Raised, Area, "2009-10", "70"],
            [Quiet, Area, "2009-10", "15"],
        ]);
        await ImportAsync(db, folder, "the year's framework");
    }

    private async Task ImportAsync(GoldenThreadDb db, string folder, string source)
    {
        var outcome = BundleReader.Read(folder, await DatabaseCatalogue.LoadAsync(db, CancellationToken.None), today: Today);
        var bundle = outcome.Bundle ?? throw new InvalidOperationException($"{source} is not a valid bundle: " + string.Join("; ", outcome.Problems));
        await BundleWriter.WriteAsync(db, bundle, new ImportRecord(new AuditActor(null, "the journey's set-up", null), source, Clock), null, CancellationToken.None);
    }

    private async Task AddPeopleAsync()
    {
        await using var services = PeopleServices.Create(Database, KeyCertificates.ForThisRun, Clock);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id);
        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id);
        var bodies = await db.Bodies.ToDictionaryAsync(b => b.Code, b => b.Id);
        var area = await db.Areas.Where(a => a.Code == Area).Select(a => a.Id).SingleAsync();

        async Task<QuarterPerson> AddAsync(string email, string name, string organisation, bool authenticator, params (Role Role, string? Indicator, bool InArea, string? Body)[] grants)
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
            foreach (var (role, indicator, inArea, body) in grants)
            {
                db.RoleAssignments.Add(new RoleAssignment
                {
                    PersonId = person.Id,
                    Role = role,
                    IndicatorId = indicator is null ? null : indicators[indicator],
                    AreaId = inArea ? area : null,
                    BodyId = body is null ? null : bodies[body],
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

        Lead = await AddAsync("casey.morgan@wessexshire.example", "Casey Morgan", "WCC", false, (Role.DeliveryLead, Story, true, null), (Role.IndicatorOwner, Story, false, null));
        await AddAsync("robin.shaw@wessexshire.example", "Robin Shaw", "WCC", false, (Role.IndicatorOwner, Raised, false, null));
        await AddAsync("pat.reilly@police.wessexshire.example", "Pat Reilly", "WPOL", false, (Role.IndicatorOwner, Quiet, false, null));
        PartnershipMember = await AddAsync("jo.patel@wessexshire.example", "Jo Patel", "WCC", false, (Role.BodyMember, null, false, Partnership));
        BoardMember = await AddAsync("morgan.ellis@wessexshire.example", "Morgan Ellis", "WCC", false, (Role.BodyMember, null, false, ExecutiveBoard));
        Assurer = await AddAsync("quinn.harper@wessexshire.example", "Quinn Harper", "WCC", true, (Role.Administrator, null, false, null));
        Signer = await AddAsync("sasha.bell@wessexshire.example", "Sasha Bell", "WCC", true, (Role.Administrator, null, false, null));
        Auditor = await AddAsync("ari.wood@wessexshire.example", "Ari Wood", "WCC", false, (Role.Auditor, null, false, null));
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

    /// <summary>A moment as the audit trail writes it (its <c>time</c> elements): UTC to the second.</summary>
    public static string AuditTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
