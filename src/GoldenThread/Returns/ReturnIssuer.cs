using System.Globalization;
using System.Text.Json;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoldenThread.Returns;

/// <summary>What issuing a quarter's returns added (nothing, when it had all been issued before).</summary>
/// <param name="Quarter">The quarter.</param>
/// <param name="ReturnsAdded">Returns made now.</param>
/// <param name="LinesAdded">Lines added now, to new returns or to returns issued before.</param>
/// <param name="Unassigned">
/// The indicators and areas with no one to send their lines to (no active delivery lead for the area, no active
/// owner), in words: their lines go to a return for the indicator's lead organisation with no assignee.
/// </param>
public sealed record IssueResult(Period Quarter, int ReturnsAdded, int LinesAdded, IReadOnlyList<string> Unassigned)
{
    /// <summary>Lines issued to no one before, not yet touched, that now go to the delivery lead or owner found for them.</summary>
    public int LinesMoved { get; init; }
}

/// <summary>
/// Issues a quarter's returns (issue 10, item 3): for every indicator and area that the quarter's financial year has a
/// target for (the pairs the scorecard rates), and every indicator and area that has an active delivery lead (who
/// reports on it quarterly, target or not: the assessment then says no target is set), one line per row due (<see cref="ReturnDue.For"/>), sent to the
/// delivery lead for that indicator in that area if there is an active one, else to the indicator's active owner, else
/// to a return with no assignee for the indicator's lead organisation (listed as a problem). One return per assignee
/// per quarter. Idempotent: a line already issued for the same indicator, area and period in any of the quarter's
/// returns is never issued again, so running it twice adds nothing, and running it after new indicators, targets or
/// owners appear adds only the lines that are missing; a line already issued stays where it is, except a line issued to
/// no one and not yet touched, which goes to the person now found for it. A new line starts from the values row
/// already stored for its period, if any.
/// </summary>
public sealed class ReturnIssuer(GoldenThreadDb db, AuditLog audit, TimeProvider time)
{
    public async Task<IssueResult> IssueAsync(Period quarter, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (quarter.Kind != PeriodKind.Quarter)
        {
            throw new ArgumentException($"Returns are issued for a quarter, not {quarter}.", nameof(quarter));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db is PostgresGoldenThreadDb)
        {
            // Two issuers of the same quarter at once would both see a line missing; on SQLite the write lock keeps them apart.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IssueLockKey})", cancellationToken);
        }

        var year = quarter.FinancialYear;
        var pairs = await db.Targets.AsNoTracking()
            .Where(t => t.PeriodStart >= year.StartOrdinal && t.PeriodStart <= year.EndOrdinal)
            .Select(t => new { t.IndicatorId, t.AreaId })
            .Distinct()
            .ToListAsync(cancellationToken);
        var led = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.DeliveryLead && r.IndicatorId != null && r.AreaId != null)
            .Join(db.People.Where(p => p.DeactivatedAt == null), r => r.PersonId, p => p.Id, (r, p) => new { IndicatorId = r.IndicatorId!.Value, AreaId = r.AreaId!.Value })
            .Distinct()
            .ToListAsync(cancellationToken);
        pairs = [.. pairs.Union(led)];
        var indicatorIds = pairs.Select(p => p.IndicatorId).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => indicatorIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Code, i.Frequency, i.Polarity, i.LeadOrganisationId })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var areaNames = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);

        // The active people who hold a delivery lead or owner role for these indicators, earliest granted first.
        var holders = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.IndicatorId != null && indicatorIds.Contains(r.IndicatorId.Value)
                && (r.Role == Role.DeliveryLead || r.Role == Role.IndicatorOwner))
            .Join(db.People.Where(p => p.DeactivatedAt == null), r => r.PersonId, p => p.Id, (r, p) => new { r.Role, r.IndicatorId, r.AreaId, r.GrantedAt, r.PersonId, p.OrganisationId })
            .ToListAsync(cancellationToken);
        var ordered = holders.OrderBy(h => h.GrantedAt).ThenBy(h => h.PersonId).ToList();
        var leads = ordered.Where(h => h.Role == Role.DeliveryLead).GroupBy(h => (h.IndicatorId!.Value, h.AreaId)).ToDictionary(g => g.Key, g => g.First());
        var owners = ordered.Where(h => h.Role == Role.IndicatorOwner).GroupBy(h => h.IndicatorId!.Value).ToDictionary(g => g.Key, g => g.First());

        var returns = await db.Returns.Include(r => r.Lines).Where(r => r.Period == quarter.Code).ToListAsync(cancellationToken);
        var issued = returns.SelectMany(r => r.Lines).Select(l => (l.IndicatorId, l.AreaId, l.Period)).ToHashSet();
        var duePeriods = new[] { quarter, quarter.FinancialYear }
            .Concat(quarter.PeriodsOfYear(PeriodKind.Month).Where(quarter.Contains))
            .Concat(quarter.PeriodsOfYear(PeriodKind.HalfYear).Where(h => h.Contains(quarter)))
            .Select(p => p.Code)
            .ToList();
        var stored = (await db.Values.AsNoTracking()
                .Where(v => duePeriods.Contains(v.Period) && indicatorIds.Contains(v.IndicatorId))
                .Select(v => new { v.IndicatorId, v.AreaId, v.Period, v.Actual, v.ProjectedOutturn, v.Note })
                .ToListAsync(cancellationToken))
            .ToDictionary(v => (v.IndicatorId, v.AreaId, v.Period));

        var now = time.GetUtcNow();
        var returnsAdded = 0;
        var linesAdded = 0;
        var moved = 0;
        var unassigned = new List<string>();
        foreach (var pair in pairs.OrderBy(p => p.IndicatorId).ThenBy(p => p.AreaId))
        {
            var indicator = indicators[pair.IndicatorId];
            var due = ReturnDue.For(indicator.Frequency, indicator.Polarity, quarter);
            var missing = due.Where(d => !issued.Contains((pair.IndicatorId, pair.AreaId, d.Period.Code))).ToList();
            var holder = leads.GetValueOrDefault((pair.IndicatorId, (int?)pair.AreaId)) ?? owners.GetValueOrDefault(pair.IndicatorId);

            // Lines issued to no one before, and untouched since, go to the person now found for them.
            var waiting = holder is null
                ? []
                : returns.Where(r => r.AssigneeId is null && r.State == ReturnState.NotStarted)
                    .SelectMany(r => r.Lines.Where(l => l.IndicatorId == pair.IndicatorId && l.AreaId == pair.AreaId && l.SavedAt is null).Select(l => (Return: r, Line: l)))
                    .ToList();
            if (missing.Count == 0 && waiting.Count == 0)
            {
                continue;
            }

            var assigneeId = holder?.PersonId;
            var organisationId = holder is null ? indicator.LeadOrganisationId : holder.OrganisationId;
            if (holder is null)
            {
                unassigned.Add($"{indicator.Code} in {areaNames.GetValueOrDefault(pair.AreaId, "an unknown area")}");
            }

            var target = returns.FirstOrDefault(r => assigneeId is { } id ? r.AssigneeId == id : r.AssigneeId is null && r.OrganisationId == organisationId);
            if (target is null)
            {
                target = new Return { Period = quarter.Code, AssigneeId = assigneeId, OrganisationId = organisationId, State = ReturnState.NotStarted, IssuedAt = now };
                db.Returns.Add(target);
                returns.Add(target);
                returnsAdded++;
            }

            foreach (var (from, line) in waiting)
            {
                from.Lines.Remove(line);
                target.Lines.Add(line);
                moved++;
                if (from.Lines.Count == 0)
                {
                    db.Returns.Remove(from);
                    returns.Remove(from);
                }
            }

            foreach (var row in missing)
            {
                var line = new ReturnLine
                {
                    IndicatorId = pair.IndicatorId,
                    AreaId = pair.AreaId,
                    Period = row.Period.Code,
                    PeriodStart = row.Period.StartOrdinal,
                    ActualDue = row.ActualDue,
                    ProjectedOutturnDue = row.ProjectedOutturnDue,
                };
                if (stored.TryGetValue((pair.IndicatorId, pair.AreaId, row.Period.Code), out var value))
                {
                    line.Actual = value.Actual;
                    line.ProjectedOutturn = value.ProjectedOutturn;
                    line.Note = value.Note;
                }

                target.Lines.Add(line);
                issued.Add((pair.IndicatorId, pair.AreaId, row.Period.Code));
                linesAdded++;
            }
        }

        var problems = unassigned.Count == 0
            ? string.Empty
            : $" No one to send them to (no active delivery lead or owner), so issued to no one: {string.Join(", ", unassigned)}.";
        audit.Add(
            actor,
            AuditActions.ReturnsIssued,
            string.Create(CultureInfo.InvariantCulture, $"Returns issued for {quarter.DisplayName}: {returnsAdded} returns, {linesAdded} lines.{(moved == 0 ? string.Empty : $" {moved} lines issued to no one before now go to the person found for them.")}{problems}"),
            null,
            quarter.Code);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssueResult(quarter, returnsAdded, linesAdded, unassigned) { LinesMoved = moved };
    }

    /// <summary>The advisory lock that keeps two issuers apart on PostgreSQL.</summary>
    private const long IssueLockKey = 0x52657475726E73;
}

/// <summary>
/// The worker's job that issues a quarter's returns, enqueued when its forms are issued: kind <c>returns.issue</c>,
/// payload <c>{"period":"2009-10-Q3"}</c>.
/// </summary>
public sealed class ReturnIssueJob(ReturnIssuer issuer) : IJobHandler
{
    public const string Kind = "returns.issue";

    /// <summary>The job's unique key for a quarter, so that issuing the forms twice queues one job.</summary>
    public static string KeyFor(Period quarter) => $"{Kind}:{quarter.Code}";

    /// <summary>The job's payload for a quarter.</summary>
    public static string PayloadFor(Period quarter) => JsonSerializer.Serialize(new Payload(quarter.Code), JsonSerializerOptions.Web);

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var code = JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)?.Period;
        if (!Period.TryParse(code, out var quarter) || quarter.Kind != PeriodKind.Quarter)
        {
            throw new InvalidOperationException($"A returns.issue job needs the quarter as its period, such as {{\"period\":\"2009-10-Q3\"}}; it had {job.Payload}.");
        }

        await issuer.IssueAsync(quarter, AuditActor.Worker, cancellationToken);
    }

    private sealed record Payload(string? Period);
}

/// <summary>The returns' services, in the web site's and the worker's containers.</summary>
public static class ReturnsSetup
{
    public static IServiceCollection AddGoldenThreadReturns(this IServiceCollection services)
    {
        services.AddScoped<ReturnEntry>();
        services.TryAddScoped<Exceptions.ExceptionLife>();
        services.TryAddScoped<Exceptions.ReturnExceptions>();
        services.TryAddScoped<Notices.NoticeBoard>();
        services.AddScoped<ReturnPreview>();
        services.AddScoped<ReturnIssuer>();
        services.AddJobHandler<ReturnIssueJob>(ReturnIssueJob.Kind);
        return services;
    }
}
