using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;
using GoldenThread.Exceptions;
using GoldenThread.History;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Returns.Review;

/// <summary>
/// One thing a return still lacks: a figure due on a line (<c>actual</c>, <c>projected_outturn</c>) or a field of an
/// exception report that its status needs (<c>exception.reason</c>...), for an indicator in an area at a period.
/// </summary>
public sealed record MissingItem(string Indicator, string Area, string Period, string Field);

/// <summary>A body (thematic partnership, board) a return's indicators report to.</summary>
public sealed record BodyRef(string Code, string Name);

/// <summary>"Right first time" for one quarter and one organisation (<see cref="OrganisationCode"/> null: every organisation).</summary>
public sealed record RightFirstTimeRow(string Quarter, string? OrganisationCode, string OrganisationName, RightFirstTime Measure);

/// <summary>One return as the central team's dashboard and the <c>returns</c> command list it.</summary>
public sealed record ReturnSummary(
    int Id,
    string Period,
    ReturnState State,
    bool Late,
    DateOnly? Deadline,
    int? AssigneeId,
    string? AssigneeName,
    string? AssigneeEmail,
    int? OrganisationId,
    string? OrganisationCode,
    string? OrganisationName,
    IReadOnlyList<BodyRef> Bodies,
    int Lines,
    IReadOnlyList<MissingItem> Missing,
    int QueryCount,
    bool AmendedAfterSignOff,
    int? SubmittedById,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ChasedAt)
{
    public ReturnOutcome Outcome => new(State, QueryCount, AmendedAfterSignOff);

    public Domain.Access.ReviewedReturn Reviewed => new(OrganisationId, AssigneeId, SubmittedById);
}

/// <summary>
/// Every return of a quarter with its state, lateness and what is missing: one query shared by the dashboard and the
/// command line, so they cannot disagree.
/// </summary>
public static class ReturnsOverview
{
    /// <summary>The quarter's return deadline (the <see cref="Milestone.ReturnDeadline"/> milestone), or null when the timetable has none.</summary>
    public static async Task<DateOnly?> DeadlineAsync(GoldenThreadDb db, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var dates = await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Period == period && m.Milestone == Milestone.ReturnDeadline)
            .Select(m => (DateOnly?)m.Date)
            .ToListAsync(cancellationToken);
        return dates.FirstOrDefault();
    }

    /// <summary>The returns of <paramref name="period"/>, by organisation code then assignee name; <paramref name="onlyId"/> reads one.</summary>
    public static async Task<IReadOnlyList<ReturnSummary>> ReadAsync(GoldenThreadDb db, string period, DateOnly today, CancellationToken cancellationToken, int? onlyId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deadline = await DeadlineAsync(db, period, cancellationToken);
        var query = db.Returns.AsNoTracking().Where(r => r.Period == period);
        if (onlyId is { } id)
        {
            query = query.Where(r => r.Id == id);
        }

        var returns = await query
            .Select(r => new
            {
                r.Id,
                r.Period,
                r.State,
                r.AssigneeId,
                AssigneeName = r.Assignee == null ? null : r.Assignee.FullName,
                AssigneeEmail = r.Assignee == null ? null : r.Assignee.Email,
                r.OrganisationId,
                OrganisationCode = r.Organisation == null ? null : r.Organisation.Code,
                OrganisationName = r.Organisation == null ? null : r.Organisation.Name,
                r.QueryCount,
                r.AmendedAfterSignOff,
                r.SubmittedById,
                r.SubmittedAt,
                r.ChasedAt,
            })
            .ToListAsync(cancellationToken);
        var ids = returns.Select(r => r.Id).ToList();
        var lines = await db.ReturnLines.AsNoTracking()
            .Where(l => ids.Contains(l.ReturnId))
            .Select(l => new
            {
                l.ReturnId,
                l.IndicatorId,
                Indicator = l.Indicator!.Code,
                BodyCode = l.Indicator.Body == null ? null : l.Indicator.Body.Code,
                BodyName = l.Indicator.Body == null ? null : l.Indicator.Body.Name,
                l.AreaId,
                Area = l.Area!.Code,
                l.Period,
                l.ActualDue,
                l.ProjectedOutturnDue,
                l.Actual,
                l.ProjectedOutturn,
            })
            .ToListAsync(cancellationToken);
        var indicatorIds = lines.Select(l => l.IndicatorId).Distinct().ToList();
        var exceptions = await db.ExceptionReports.AsNoTracking()
            .Where(e => e.Period == period && e.Kind == Domain.Intervention.ExceptionKind.Performance && indicatorIds.Contains(e.IndicatorId))
            .ToListAsync(cancellationToken);
        var exceptionFor = exceptions.ToDictionary(e => (e.IndicatorId, e.AreaId));

        var summaries = new List<ReturnSummary>(returns.Count);
        foreach (var r in returns)
        {
            var own = lines.Where(l => l.ReturnId == r.Id).OrderBy(l => l.Indicator, IndicatorCodeOrder.Instance).ThenBy(l => l.Area, StringComparer.Ordinal).ThenBy(l => l.Period, StringComparer.Ordinal).ToList();
            var missing = new List<MissingItem>();

            // Once submitted, the figures are in the values rows and every check has passed; before, the drafts say what is left.
            if (ReturnStates.IsOpenForEntry(r.State))
            {
                foreach (var line in own)
                {
                    if (line.ActualDue && line.Actual is null)
                    {
                        missing.Add(new MissingItem(line.Indicator, line.Area, line.Period, RecordedFields.Actual));
                    }

                    if (line.ProjectedOutturnDue && line.ProjectedOutturn is null)
                    {
                        missing.Add(new MissingItem(line.Indicator, line.Area, line.Period, RecordedFields.ProjectedOutturn));
                    }
                }

                foreach (var (indicatorId, areaId, indicator, area) in own.Select(l => (l.IndicatorId, l.AreaId, l.Indicator, l.Area)).Distinct())
                {
                    if (exceptionFor.TryGetValue((indicatorId, areaId), out var report))
                    {
                        missing.AddRange(IncompleteFields(report).Select(f => new MissingItem(indicator, area, period, RecordedFields.Exception(f))));
                    }
                }
            }

            var bodies = own.Where(l => l.BodyCode is not null)
                .Select(l => new BodyRef(l.BodyCode!, l.BodyName!))
                .Distinct()
                .OrderBy(b => b.Code, StringComparer.Ordinal)
                .ToList();
            summaries.Add(new ReturnSummary(
                r.Id,
                r.Period,
                r.State,
                ReturnStates.IsLate(r.State, deadline, today),
                deadline,
                r.AssigneeId,
                r.AssigneeName,
                r.AssigneeEmail,
                r.OrganisationId,
                r.OrganisationCode,
                r.OrganisationName,
                bodies,
                own.Count,
                missing,
                r.QueryCount,
                r.AmendedAfterSignOff,
                r.SubmittedById,
                r.SubmittedAt,
                r.ChasedAt));
        }

        return
        [
            .. summaries
                .OrderBy(s => s.OrganisationCode ?? "\uffff", StringComparer.Ordinal)
                .ThenBy(s => s.AssigneeName ?? "\uffff", StringComparer.Ordinal)
                .ThenBy(s => s.Id),
        ];
    }

    /// <summary>How many returns are in each state (every state, with zero where none), and how many are late.</summary>
    public static (IReadOnlyList<(ReturnState State, int Count)> ByState, int Late) Count(IReadOnlyCollection<ReturnSummary> returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        return ([.. ReturnStates.All.Select(s => (s, returns.Count(r => r.State == s)))], returns.Count(r => r.Late));
    }

    /// <summary>
    /// "Right first time" per quarter and organisation, newest quarter first, each quarter followed by its organisations
    /// by code; a row with no organisation code is the quarter's total over every organisation.
    /// </summary>
    public static async Task<IReadOnlyList<RightFirstTimeRow>> RightFirstTimeAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var returns = await db.Returns.AsNoTracking()
            .Select(r => new
            {
                r.Period,
                OrganisationCode = r.Organisation == null ? null : r.Organisation.Code,
                OrganisationName = r.Organisation == null ? null : r.Organisation.Name,
                Outcome = new ReturnOutcome(r.State, r.QueryCount, r.AmendedAfterSignOff),
            })
            .ToListAsync(cancellationToken);
        var rows = new List<RightFirstTimeRow>();
        foreach (var quarter in returns.GroupBy(r => r.Period).OrderByDescending(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(new RightFirstTimeRow(quarter.Key, null, "All organisations", RightFirstTime.Of(quarter.Select(r => r.Outcome))));
            foreach (var organisation in quarter.GroupBy(r => (r.OrganisationCode, r.OrganisationName)).OrderBy(g => g.Key.OrganisationCode ?? "\uffff", StringComparer.Ordinal))
            {
                rows.Add(new RightFirstTimeRow(quarter.Key, organisation.Key.OrganisationCode ?? "", organisation.Key.OrganisationName ?? "No organisation", RightFirstTime.Of(organisation.Select(r => r.Outcome))));
            }
        }

        return rows;
    }

    /// <summary>
    /// The fields an exception report of its status still lacks (assessment.md, Exceptions): red or amber need the
    /// reason, plans, timescales, lead partners and resources; strong green the cause (and an explanation for "other");
    /// no data the assurance: <see cref="ExceptionRules.Missing"/> decides, as it does for entry. The fields' names are the
    /// records' without their prefix (<c>reason</c>, <c>lead_partners</c>...).
    /// </summary>
    public static IReadOnlyList<string> IncompleteFields(ExceptionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fields = new ExceptionFields(
            report.Reason, report.Plans, report.Timescales, report.LeadPartners, report.Resources, report.StrongGreenCause, report.Explanation, report.Assurance);
        return [.. ExceptionRules.Missing(report.Status, fields).Select(p => p.Field[(p.Field.IndexOf('.', StringComparison.Ordinal) + 1)..])];
    }

    /// <summary>How a missing item reads to people: "NI 16 in HRT, 2009-10-Q3: the actual".</summary>
    public static string Describe(MissingItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var what = item.Field switch
        {
            RecordedFields.Actual => "the actual",
            RecordedFields.ProjectedOutturn => "the projected outturn",
            var f when f.StartsWith("exception.", StringComparison.Ordinal) => "the exception report's " + f["exception.".Length..].Replace('_', ' '),
            var f => f,
        };
        return $"{item.Indicator} in {item.Area}, {item.Period}: {what}";
    }
}
