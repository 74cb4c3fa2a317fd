using System.Globalization;
using System.Security.Cryptography;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// <c>rush prepare</c>, on a database the rush bundle was imported into: adds the partners (one delivery lead per
/// area for all its indicators, in the area's council; a submit token for those whose system uses the API, a password
/// for those who use the web form), issues the quarter's forms and its returns, and writes the plan the driver follows.
/// </summary>
internal static class RushPrepare
{
    public static async Task<RushPlan> RunAsync(Database database, TextWriter log, CancellationToken cancellationToken)
    {
        await using var services = PeopleServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var tokens = scope.ServiceProvider.GetRequiredService<TokenIssuer>();
        var clock = TimeProvider.System;
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id, cancellationToken);
        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id, cancellationToken);
        var areas = await db.Areas.ToDictionaryAsync(a => a.Code, a => a.Id, cancellationToken);
        var credentials = new Dictionary<int, (string Email, string? Password, string? Token)>();
        for (var a = 0; a < RushFigures.Partners; a++)
        {
            var email = RushFigures.LeadEmail(a);
            var person = new Person
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                FullName = "Lead for " + RushFigures.AreaCode(a),
                OrganisationId = organisations[RushFigures.OrganisationCode(a)],
                CreatedAt = clock.GetUtcNow(),
            };
            Check(await users.CreateAsync(person), email);
            for (var i = 0; i < RushFigures.Indicators; i++)
            {
                db.Add(new RoleAssignment
                {
                    PersonId = person.Id,
                    Role = Role.DeliveryLead,
                    IndicatorId = indicators[RushFigures.IndicatorCode(i)],
                    AreaId = areas[RushFigures.AreaCode(a)],
                    GrantedAt = clock.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            if (RushFigures.UsesApi(a))
            {
                var issued = await tokens.IssueAsync(person.Id, "Quarter-end rush", TokenScope.Submit, TimeSpan.FromDays(7), AuditActor.CommandLine, cancellationToken);
                credentials[person.Id] = (email, null, issued.Secret);
            }
            else
            {
                var password = NewPassword();
                Check(await users.AddPasswordAsync(person, password), email);
                credentials[person.Id] = (email, password, null);
            }

            if ((a + 1) % 100 == 0)
            {
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {a + 1} partners added"));
            }
        }

        var quarter = RushFigures.Quarter;
        db.Add(new PeriodCycle { Period = quarter.Code, PeriodStart = quarter.StartOrdinal, FormsIssuedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await IssueAsync(db, clock, log, cancellationToken);

        var indicatorIndex = indicators.ToDictionary(p => p.Value, p => int.Parse(p.Key[4..], CultureInfo.InvariantCulture) - 1);
        var areaIndex = areas.ToDictionary(p => p.Value, p => int.Parse(p.Key[1..], CultureInfo.InvariantCulture) - 1);
        var returns = await db.Returns.AsNoTracking().Include(r => r.Lines).Where(r => r.Period == quarter.Code).ToListAsync(cancellationToken);
        var partners = new List<PlannedPartner>();
        foreach (var issued in returns.OrderBy(r => r.Id))
        {
            if (issued.AssigneeId is not { } assignee || !credentials.TryGetValue(assignee, out var who))
            {
                throw new InvalidOperationException($"Return {issued.Id} went to no rush partner: the issuer and the plan disagree.");
            }

            var lines = issued.Lines.OrderBy(l => l.Id).Select(l =>
            {
                var (actual, projected, unusual) = RushFigures.SentFor(indicatorIndex[l.IndicatorId], areaIndex[l.AreaId]);
                return new PlannedLine(
                    l.Id,
                    l.IndicatorId,
                    l.AreaId,
                    l.Period,
                    l.ActualDue ? actual : null,
                    l.ProjectedOutturnDue ? projected : null,
                    string.Create(CultureInfo.InvariantCulture, $"Rush figures for line {l.Id}: steady against the last quarters."),
                    unusual ? MovementNote : null);
            }).ToList();
            partners.Add(new PlannedPartner(who.Email, who.Token is null ? PlannedPartner.Web : PlannedPartner.Api, who.Password, who.Token, issued.Id, lines));
        }

        return new RushPlan(quarter.Code, partners);
    }

    /// <summary>What a partner says about a figure the unusual-movement check warns about.</summary>
    public const string MovementNote = "Checked against the source system: the figure is right.";

    /// <summary>The quarter's returns, issued by the returns' own issuer, as the forms-issued job does.</summary>
    private static async Task IssueAsync(GoldenThreadDb db, TimeProvider clock, TextWriter log, CancellationToken cancellationToken)
    {
        var issuer = new ReturnIssuer(db, new AuditLog(db, clock), clock);
        var result = await issuer.IssueAsync(RushFigures.Quarter, AuditActor.Worker, cancellationToken);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  issued {result.ReturnsAdded} returns, {result.LinesAdded} lines"));
        if (result.Unassigned.Count > 0)
        {
            throw new InvalidOperationException($"Lines with no rush partner to send them to: {string.Join(", ", result.Unassigned.Take(5))}");
        }
    }

    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
        return string.Join('-', Enumerable.Range(0, 5).Select(i => new string(chars, i * 4, 4)));
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The rush partner {email} could not be added: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
