using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.Domain;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.History;
using GoldenThread.Import;
using GoldenThread.Intervention;
using GoldenThread.People;
using GoldenThread.Returns;
using GoldenThread.Returns.Review;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web;
using GoldenThread.Worker;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Demo;

/// <summary>
/// The demonstration's quarterly cycle, played through the product's own use cases so that every state a council sees
/// is there to look at: 2009/10's timetable; the years before signed off; 2009/10 Q1 played (every return in and signed
/// off, one late) and closed; Q2 (the current period on the demonstration's 16 November 2009) issued, with a return in
/// each state (not started, in progress, submitted, queried, quality-assured, signed off, amended after sign-off, and
/// late: the deadline has passed) and returns for indicators that have no owner yet. The Q2 figures are held back from
/// the bundle's import (<see cref="IsHeldBack"/>) and arrive through the returns instead, so nobody "retypes" them. Around
/// the returns, the exceptions and the ladder of intervention (DemoCycle.Intervention.cs): exception reports in every
/// state, each stage with its record, stages set by hand, an escalation to the strategic board.
/// </summary>
public static partial class DemoCycle
{
    /// <summary>The quarter whose returns the demonstration is in the middle of.</summary>
    public static readonly Period Quarter = Period.Parse(DemoBundle.LatestQuarter);

    private static readonly Period Year = Quarter.FinancialYear;

    /// <summary>The story's moments, in the demonstration's own 2009 (the returns' and reviews' times).</summary>
    private static readonly DateTimeOffset FormsIssued = new(2009, 9, 16, 9, 0, 0, TimeSpan.Zero);

    /// <summary>People who own indicators or sit on the boards but do not sign in to the demonstration (they have no password).</summary>
    private sealed record Lead(string Email, string FullName, string Organisation, string[] Owns, string? DeputyEmail, string[]? Sits = null);

    private static readonly Lead[] Leads =
    [
        new("hannah.reid", "Hannah Reid", "WPCT", ["NI 39", "NI 40", "NI 53", "NI 112", "NI 113", "NI 120"], "tom.hughes"),
        new("tom.hughes", "Tom Hughes", "WPCT", [], null, ["HCOP"]),
        new("chris.patel", "Chris Patel", "WCC", ["NI 60", "NI 109", "NI 110", "NI 111", "NI 117"], "performance.officer"),
        new("morgan.lee", "Morgan Lee", "WCC", ["NI 8", "NI 130", "NI 136", "NI 145", "NI 146"], "performance.officer"),
        new("jamie.fox", "Jamie Fox", "WCC", ["NI 4", "NI 47", "NI 151", "NI 152", "NI 186", "NI 191", "NI 192", "NI 193", "NI 198"], "performance.officer"),
        new("fran.walsh", "Fran Walsh", "WFRS", ["NI 49"], null),
        new("rob.kerr", "Rob Kerr", "WPRB", ["NI 38"], null),

        // The boards' members who chair them and keep their papers (DemoIntervention: NameOfficersAsync).
        new("ruth.ashdown", "Ruth Ashdown", "WCC", [], null, ["WSB"]),
        new("neil.carter", "Neil Carter", "WCC", [], null, ["WSB"]),
        new("margaret.hale", "Margaret Hale", "WCC", [], null, ["WEB"]),
        new("david.osei", "David Osei", "WCC", [], null, ["WEB"]),
        new("irene.stokes", "Irene Stokes", "WPOL", [], null, ["SSC"]),
        new("gareth.lloyd", "Gareth Lloyd", "WPCT", [], null, ["HCOP"]),
    ];

    /// <summary>The police indicators the demonstration's indicator owner owns besides NI 16 (their deputy stands in for all).</summary>
    private static readonly string[] PoliceIndicators = ["NI 15", "NI 20", "NI 32"];

    /// <summary>
    /// Whether a values row of the bundle is held back from the import: a row the demonstration's current quarter's
    /// returns ask for, which arrives through them (or, for a return not yet in, is still missing).
    /// </summary>
    public static bool IsHeldBack(ValueRow row, Frequency frequency, Polarity polarity)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ReturnDue.For(frequency, polarity, Quarter).Any(d => d.Period == row.Period);
    }

    /// <summary>
    /// Plays the cycle into a database that holds the demonstration partnership loaded for it
    /// (<see cref="DemoBundle.LoadIntoEmptyForCycleAsync"/>: no figures yet for the current quarter), its people
    /// (<see cref="DemoPeople.PrepareAsync"/>) and no cycle yet; does nothing otherwise (it never touches a council's own
    /// data, and runs once).
    /// </summary>
    public static async Task PrepareAsync(Database database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var time = new StoryTime(FormsIssued.AddMonths(-6));
        await using var services = WorkerSetup.CreateServices(database, time, s =>
        {
            // The reporting clock follows the story: each step is checked against the day it happened (a report's due date
            // in the future then, a decision's date not after it). The last step is on the demonstration's own day.
            s.AddSingleton(new ReportingClock(time));
            s.AddSingleton(new WebAppOptions(database, [], "Production", DemoMode: true));
            s.AddSingleton(provider => new MailSender(null, provider.GetRequiredService<WebAppOptions>(), provider.GetRequiredService<ILogger<MailSender>>()));
            s.AddGoldenThreadReview();
            s.AddGoldenThreadIntervention(new ConfigurationBuilder().Build());
        });
        IReadOnlyList<ValueRow> heldBack;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
            if (await db.PeriodCycles.AnyAsync(cancellationToken) || await db.Returns.AnyAsync(cancellationToken)
                || !await db.Organisations.AnyAsync(o => o.Code == "WPCT", cancellationToken)
                || await db.Values.AnyAsync(v => v.Period == Quarter.Code, cancellationToken))
            {
                return;
            }

            heldBack = await DemoBundle.HeldBackRowsAsync(db, cancellationToken);
        }

        var people = await AddLeadsAsync(services, time, cancellationToken);
        var loader = new AuditActor(null, "the demonstration loader", Environment.MachineName);
        await using (var scope = services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<TimetableEditor>();
            await editor.GenerateYearAsync(Year.Previous(), loader, cancellationToken);
            await editor.GenerateYearAsync(Year, loader, cancellationToken);
            await SignOffThePastAsync(scope.ServiceProvider, people["administrator"], time, Year.StartOrdinal, cancellationToken);
        }

        // The boards' chairs and secretaries are named, and the ladder of the years before is recorded, before 2009/10 starts.
        await PrepareBoardsAsync(services, time, people, cancellationToken);

        // 2009/10 Q1 ran its course before the demonstration's day: issued, every return in and signed off (one late),
        // its exception reports considered at the quarter's meetings, the executive board's business, and closed.
        var q1 = Period.Create(Year.Year, PeriodKind.Quarter, 1);
        time.Set(FormsIssued.AddMonths(-3));
        await using (var scope = services.CreateAsyncScope())
        {
            var cycle = scope.ServiceProvider.GetRequiredService<CycleActions>();
            await cycle.IssueFormsAsync(q1, Actor(people["administrator"]), q1.EndDate().AddDays(-14), cancellationToken);
            await scope.ServiceProvider.GetRequiredService<ReturnIssuer>().IssueAsync(q1, loader, cancellationToken);
        }

        await PlayReturnsAsync(services, time, people, q1, FatesInQ1, [], cancellationToken);
        await using (var scope = services.CreateAsyncScope())
        {
            // The returns issued to no one (indicators without an owner) were never made: their imported figures were signed off as they were.
            await SignOffThePastAsync(scope.ServiceProvider, people["administrator"], time, Quarter.StartOrdinal, cancellationToken);
        }

        await PlayFirstQuarterBusinessAsync(services, time, people, q1, cancellationToken);

        // Q2: the central team issues the forms; everyone's returns are made.
        time.Set(FormsIssued);
        await using (var scope = services.CreateAsyncScope())
        {
            var cycle = scope.ServiceProvider.GetRequiredService<CycleActions>();
            await cycle.IssueFormsAsync(Quarter, Actor(people["administrator"]), Quarter.EndDate().AddDays(-14), cancellationToken);
            await scope.ServiceProvider.GetRequiredService<ReturnIssuer>().IssueAsync(Quarter, loader, cancellationToken);
        }

        await PlaySecondQuarterBusinessBeforeReturnsAsync(services, time, people, cancellationToken);
        await PlayReturnsAsync(services, time, people, Quarter, Fates, heldBack.ToDictionary(r => (r.IndicatorCode, r.AreaCode, r.Period.Code)), cancellationToken);
        await PlaySecondQuarterBusinessAsync(services, time, people, cancellationToken);
    }

    /// <summary>The people the story needs, by the first part of their email: the demonstration's own and the leads added here.</summary>
    private static async Task<Dictionary<string, Person>> AddLeadsAsync(ServiceProvider services, StoryTime time, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id, cancellationToken);
        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id, cancellationToken);
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        foreach (var lead in Leads)
        {
            var email = $"{lead.Email}@{DemoPeople.Domain}";
            if (await db.People.AnyAsync(p => p.Email == email, cancellationToken))
            {
                continue;
            }

            var person = new Person
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                FullName = lead.FullName,
                OrganisationId = organisations[lead.Organisation],
                CreatedAt = time.GetUtcNow(),
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.People.Add(person);
            audit.Add(AuditActor.CommandLine, AuditActions.PersonCreated, "Demonstration indicator lead added (no password: they do not sign in to the demonstration).", null, email);
        }

        await db.SaveChangesAsync(cancellationToken);
        var people = await db.People.ToDictionaryAsync(p => p.Email![..p.Email!.IndexOf('@', StringComparison.Ordinal)], cancellationToken);

        void Grant(string who, Role role, string indicator) => db.RoleAssignments.Add(new RoleAssignment
        {
            PersonId = people[who].Id,
            Role = role,
            IndicatorId = indicators[indicator],
            GrantedAt = time.GetUtcNow(),
        });

        foreach (var lead in Leads)
        {
            foreach (var indicator in lead.Owns)
            {
                Grant(lead.Email, Role.IndicatorOwner, indicator);
                if (lead.DeputyEmail is { } deputy)
                {
                    Grant(deputy, Role.IndicatorDeputy, indicator);
                }
            }
        }

        var bodies = await db.Bodies.ToDictionaryAsync(b => b.Code, b => b.Id, cancellationToken);
        foreach (var lead in Leads)
        {
            foreach (var body in lead.Sits ?? [])
            {
                db.RoleAssignments.Add(new RoleAssignment { PersonId = people[lead.Email].Id, Role = Role.BodyMember, BodyId = bodies[body], GrantedAt = time.GetUtcNow() });
            }
        }

        foreach (var indicator in PoliceIndicators)
        {
            Grant("indicator.owner", Role.IndicatorOwner, indicator);
            Grant("indicator.deputy", Role.IndicatorDeputy, indicator);
        }

        await db.SaveChangesAsync(cancellationToken);
        return people;
    }

    /// <summary>
    /// The figures imported from the bundle are the years before and 2009/10 Q1, which were signed off in their own
    /// cycles: the administrator signs off those of periods starting before <paramref name="before"/> once, each with its
    /// record, as an import with --signed-off would (Q1's own returns sign off theirs; the rest follow once they are played).
    /// </summary>
    private static async Task SignOffThePastAsync(IServiceProvider provider, Person administrator, StoryTime time, int before, CancellationToken cancellationToken)
    {
        var db = provider.GetRequiredService<GoldenThreadDb>();
        var ledger = provider.GetRequiredService<FigureLedger>();
        var actor = Actor(administrator);
        var now = time.GetUtcNow();
        var at = FormsIssued.AddMonths(-2);
        time.Set(at);
        foreach (var row in await db.Values.Where(v => v.SignedOffAt == null && v.PeriodStart < before).ToListAsync(cancellationToken))
        {
            row.SignedOffAt = at;
            row.SignedOffById = administrator.Id;
            ledger.Record(actor, new FigureChange(
                row.IndicatorId, row.AreaId, row.Period, RecordedFields.SignedOff, null, RecordedFields.SignedOffValue, FigureSources.Import,
                "Signed off in its own quarter's cycle, before the demonstration's figures were loaded."));
        }

        await db.SaveChangesAsync(cancellationToken);
        time.Set(now);
    }

    /// <summary>What becomes of each assignee's Q2 return, by the first part of their email.</summary>
    private enum Fate
    {
        NotStarted,
        InProgress,
        Submitted,
        Queried,
        QualityAssured,
        SignedOff,
        AmendedAfterSignOff,
    }

    private static readonly (string Assignee, Fate Fate)[] Fates =
    [
        ("delivery.lead", Fate.InProgress),
        ("indicator.owner", Fate.Queried),
        ("hannah.reid", Fate.SignedOff),
        ("chris.patel", Fate.Submitted),
        ("morgan.lee", Fate.QualityAssured),
        ("jamie.fox", Fate.AmendedAfterSignOff),
        ("rob.kerr", Fate.SignedOff),
        ("fran.walsh", Fate.NotStarted),
    ];

    /// <summary>
    /// Q1's returns: all signed off, made from the figures the returns came with (the bundle's, imported); Fran Walsh's came
    /// in after the deadline, and hers for Q2 is not in either: late two quarters running, a data-quality exception.
    /// </summary>
    private static readonly (string Assignee, Fate Fate)[] FatesInQ1 =
    [
        ("delivery.lead", Fate.SignedOff),
        ("indicator.owner", Fate.SignedOff),
        ("hannah.reid", Fate.SignedOff),
        ("chris.patel", Fate.SignedOff),
        ("morgan.lee", Fate.SignedOff),
        ("jamie.fox", Fate.SignedOff),
        ("rob.kerr", Fate.SignedOff),
        ("fran.walsh", Fate.SignedOff),
    ];

    /// <summary>Who sent their return after the deadline, and how many days after it.</summary>
    private const string LateInQ1 = "fran.walsh";

    private static async Task PlayReturnsAsync(
        ServiceProvider services, StoryTime time, Dictionary<string, Person> people, Period quarter, (string Assignee, Fate Fate)[] fates,
        Dictionary<(string, string, string), ValueRow> figures, CancellationToken cancellationToken)
    {
        var admin = people["administrator"];
        var officer = people["performance.officer"];
        var day = 0;
        var deadline = await DeadlineAsync(services, quarter, cancellationToken);
        foreach (var (assignee, fate) in fates)
        {
            // Each return comes in on its own day of the return window; the deadline (mid October) is long past by 16 November.
            time.Set(quarter.EndDate().ToDateTime(new TimeOnly(10, 0)).AddDays(3 + day++));
            if (quarter != Quarter && assignee == LateInQ1)
            {
                time.Set(deadline.ToDateTime(new TimeOnly(10, 0)).AddDays(9));
            }

            await using var scope = services.CreateAsyncScope();
            var provider = scope.ServiceProvider;
            var db = provider.GetRequiredService<GoldenThreadDb>();
            var person = people[assignee];
            var entity = await db.Returns.AsNoTracking().SingleOrDefaultAsync(r => r.Period == quarter.Code && r.AssigneeId == person.Id, cancellationToken);
            if (entity is null || fate == Fate.NotStarted)
            {
                continue;
            }

            var returnId = entity.Id;
            var self = Request(person, await GrantsAsync(db, person, cancellationToken));
            var inputs = await InputsAsync(provider, returnId, figures, partly: fate == Fate.InProgress, cancellationToken);
            var entry = provider.GetRequiredService<ReturnEntry>();
            var saved = await entry.SaveAsync(returnId, inputs, self, submit: fate != Fate.InProgress, cancellationToken);
            Expect(saved, assignee);
            if (fate is Fate.InProgress or Fate.Submitted)
            {
                continue;
            }

            // The central team reviews: an administrator for other organisations' returns, the county's performance officer for its own.
            var reviewer = person.OrganisationId == officer.OrganisationId ? officer : admin;
            var review = provider.GetRequiredService<ReturnReview>();
            var asReviewer = new ReviewRequest(Actor(reviewer), new Actor(reviewer.OrganisationId, await GrantsAsync(db, reviewer, cancellationToken)));
            var asAdmin = new ReviewRequest(Actor(admin), new Actor(admin.OrganisationId, await GrantsAsync(db, admin, cancellationToken)));
            time.Set(time.GetUtcNow().AddDays(2));
            if (fate == Fate.Queried)
            {
                Expect(await review.QueryAsync(returnId, "The Q2 figure for Hartmere looks low against Q1: please check it against the crime system's extract and confirm it.", asReviewer, cancellationToken), assignee);
                continue;
            }

            Expect(await review.AcceptAsync(returnId, asReviewer, cancellationToken), assignee);
            if (fate == Fate.QualityAssured)
            {
                continue;
            }

            time.Set(time.GetUtcNow().AddDays(1));
            Expect(await review.SignOffAsync(returnId, asAdmin, cancellationToken), assignee);
            if (fate == Fate.SignedOff)
            {
                continue;
            }

            // Amended after sign-off: the source system's figure for one line was corrected after the report went out.
            time.Set(time.GetUtcNow().AddDays(6));
            Expect(await review.ReopenAsync(returnId, "The source system's October refresh corrected a figure after sign-off.", asAdmin, cancellationToken), assignee);
            time.Set(time.GetUtcNow().AddDays(1));
            var first = inputs.First(i => i.Actual is not null);
            var amended = first with { Actual = first.Actual + 1, Note = (first.Note is null ? string.Empty : first.Note + " ") + "Corrected after the source system's refresh." };
            var again = await entry.SaveAsync(
                returnId, [amended], self with { Reason = "The source system's October refresh corrected the actual." }, submit: true, cancellationToken);
            Expect(again, assignee);
        }
    }

    /// <summary>
    /// Each line's figures from the held-back rows, with what the return's rules ask of them: the exception report the
    /// status needs, a note confirming an unusual movement, and a note for a figure that is due but not available.
    /// With <paramref name="partly"/>, only the first half of the lines (a return still being filled in).
    /// </summary>
    private static async Task<IReadOnlyList<LineInput>> InputsAsync(
        IServiceProvider provider, int returnId, Dictionary<(string, string, string), ValueRow> figures, bool partly, CancellationToken cancellationToken)
    {
        var db = provider.GetRequiredService<GoldenThreadDb>();
        var preview = provider.GetRequiredService<ReturnPreview>();
        var lines = await db.ReturnLines.AsNoTracking().Where(l => l.ReturnId == returnId).OrderBy(l => l.Id)
            .Select(l => new { l.Id, Indicator = l.Indicator!.Code, Area = l.Area!.Code, l.Period, l.ActualDue, l.ProjectedOutturnDue, l.Actual, l.ProjectedOutturn, l.Note })
            .ToListAsync(cancellationToken);
        if (partly)
        {
            lines = lines.Take(Math.Max(1, lines.Count / 2)).ToList();
        }

        var inputs = new List<LineInput>();
        foreach (var line in lines)
        {
            // The figures held back from the bundle, or (a quarter whose figures were imported) those the line came with.
            figures.TryGetValue((line.Indicator, line.Area, line.Period), out var row);
            var actual = line.ActualDue ? row is null ? line.Actual : row.Actual : null;
            var projected = line.ProjectedOutturnDue ? row is null ? line.ProjectedOutturn : row.ProjectedOutturn : null;
            var note = row is null ? line.Note : row.Note;
            if ((line.ActualDue && actual is null) || (line.ProjectedOutturnDue && projected is null))
            {
                note ??= "Not available this quarter: the source survey reports later in the year.";
            }

            var input = new LineInput(line.Id, actual, projected, note, null, null);
            var shown = await preview.ForAsync(returnId, input, cancellationToken);
            if (shown is not null)
            {
                if (shown.Warnings.Count > 0)
                {
                    input = input with { MovementNote = "Checked against the source system's extract: the figure is right." };
                }

                if (shown.ExceptionRequired is { } status)
                {
                    input = input with { Exception = ExceptionFor(status, line.Indicator, line.Area) };
                }
            }

            inputs.Add(input);
        }

        return inputs;
    }

    private static ExceptionInput ExceptionFor(Status status, string indicator, string area) => status switch
    {
        Status.StrongGreen => new ExceptionInput(null, null, null, null, null, StrongGreenCause.TargetedActivity,
            $"A targeted campaign in {area} this year brought {indicator} forward; the profile expects it to level off by Q4.", null),
        Status.NoData => new ExceptionInput(null, null, null, null, null, null, null,
            $"Delivery of {indicator} is on track against the delivery plan: the milestones for Q2 were met; figures follow when the survey reports."),
        _ => new ExceptionInput(
            $"{indicator} in {area} is behind its target: demand rose faster than planned over the summer.",
            "Extra sessions agreed with the partners; the delivery plan's autumn actions are brought forward.",
            "Recovery to the profile by the end of Q3; on target by year end.",
            "The county council with the district councils.",
            "Met from the thematic partnership's existing budget.",
            null, null, null),
    };

    private static async Task<DateOnly> DeadlineAsync(ServiceProvider services, Period quarter, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        return await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Period == quarter.Code && m.Milestone == Domain.Timetable.Milestone.ReturnDeadline)
            .Select(m => m.Date).SingleAsync(cancellationToken);
    }

    private static void Expect(EntryOutcome outcome, string who)
    {
        if (outcome is not (EntryOutcome.Saved or EntryOutcome.Submitted))
        {
            throw new InvalidOperationException($"The demonstration's return for {who} could not be played: {Describe(outcome)}");
        }
    }

    private static void Expect(Administration.AdminChange change, string who)
    {
        if (!change.Succeeded)
        {
            throw new InvalidOperationException($"The demonstration's review of {who}'s return failed: {string.Join("; ", change.Errors.Select(e => e.Message))}");
        }
    }

    private static string Describe(EntryOutcome outcome) => outcome switch
    {
        EntryOutcome.Invalid invalid => string.Join("; ", invalid.Problems.Select(p => $"line {p.LineId}: {p.Field}: {p.Message}")),
        EntryOutcome.Refused refused => refused.Detail,
        EntryOutcome.Closed closed => closed.Detail,
        EntryOutcome.NotFound notFound => notFound.Detail,
        _ => outcome.ToString(),
    };

    private static async Task<IReadOnlyList<Grant>> GrantsAsync(GoldenThreadDb db, Person person, CancellationToken cancellationToken) =>
        (await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == person.Id).ToListAsync(cancellationToken)).Select(r => r.ToGrant()).ToList();

    private static EntryRequest Request(Person person, IReadOnlyList<Grant> grants) =>
        new(Actor(person), new Actor(person.OrganisationId, grants), FigureSources.Web);

    private static AuditActor Actor(Person person) => new(person.Id, person.Email!, null);

    /// <summary>The story's clock: moved forward by the cycle as it is played, so each step is dated when it happened in 2009.</summary>
    private sealed class StoryTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTimeOffset now) => _now = now;

        public void Set(DateTime utc) => _now = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
