using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using GoldenThread.Web.Forms;
using Microsoft.EntityFrameworkCore;

// EF Core translates ToUpper to SQL, and not string.Equals with a StringComparison (as in GrantRole).
#pragma warning disable CA1862

namespace GoldenThread.Exceptions;

/// <summary>Which exceptions to list, by code; any may be left out. <see cref="Read"/> checks the codes.</summary>
public sealed record ExceptionFilter(string? Period = null, string? Body = null, string? State = null, string? Kind = null)
{
    /// <summary>The filter's codes read, or the problems with them (field <c>period</c>, <c>body</c>, <c>state</c>, <c>kind</c>).</summary>
    public (Period? Period, ExceptionState? State, ExceptionKind? Kind, IReadOnlyList<FieldError> Errors) Read()
    {
        var errors = new List<FieldError>();
        Period? period = null;
        if (!string.IsNullOrWhiteSpace(Period))
        {
            if (Domain.Periods.Period.TryParse(Period.Trim(), out var parsed) && parsed.Kind == PeriodKind.Quarter)
            {
                period = parsed;
            }
            else
            {
                errors.Add(new FieldError("period", $"'{Period.Trim()}' is not a quarter's code, such as 2009-10-Q3"));
            }
        }

        ExceptionState? state = null;
        if (!string.IsNullOrWhiteSpace(State) && !OnlyOpen)
        {
            if (ExceptionStates.TryParse(State.Trim(), out var parsed))
            {
                state = parsed;
            }
            else
            {
                errors.Add(new FieldError("state", $"'{State.Trim()}' is not a state; use {string.Join(", ", ExceptionStates.All.Select(ExceptionStates.Code))}, or open"));
            }
        }

        ExceptionKind? kind = null;
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            if (Domain.Codes.TryParse(Kind.Trim(), out ExceptionKind parsed))
            {
                kind = parsed;
            }
            else
            {
                errors.Add(new FieldError("kind", $"'{Kind.Trim()}' is not a kind; use performance or data_quality"));
            }
        }

        return (period, state, kind, errors);
    }

    /// <summary>The word that lists every state but closed.</summary>
    public const string Open = "open";

    public bool OnlyOpen => string.Equals(State?.Trim(), Open, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One exception report in a list: what it is about, what raised it, where it is, and its ladder stage for data quality.</summary>
public sealed record ExceptionRow(
    int Id,
    string IndicatorCode,
    string IndicatorTitle,
    string AreaCode,
    string AreaName,
    string Period,
    ExceptionKind Kind,
    Status Status,
    DataQualityCause? Cause,
    ExceptionState State,
    string? BodyCode,
    string? BodyName,
    DateTimeOffset? RaisedAt)
{
    /// <summary>A data-quality exception's ladder stage (<see cref="DataQualityRules.StageAt"/>); null for performance, whose stage is the engine's.</summary>
    public int? Stage { get; init; }

    /// <summary>What raised it, in words.</summary>
    public string Raised => Kind == ExceptionKind.DataQuality && Cause is { } cause ? DataQualityRules.Name(cause) : Scorecard.Wording.Name(Status);

    public string PeriodName => Domain.Periods.Period.TryParse(Period, out var p) ? p.DisplayName : Period;
}

/// <summary>A body's next meeting, from the reporting timetable: the date (the first day of a span) and the quarter it considers.</summary>
public sealed record NextMeeting(string BodyCode, string BodyName, DateOnly Date, string Period);

/// <summary>An exception report with its history and the names the page shows.</summary>
public sealed record ExceptionDetail(ExceptionReport Report, ExceptionRow Row, IReadOnlyList<ExceptionStep> Steps, int? LeadOrganisationId);

/// <summary>
/// Reading exception reports, for the pages and the API alike: the list by period, body, state and kind (ordered by
/// period, newest first, then indicator and area), one report with its steps, and a body's next meeting.
/// </summary>
public static class ExceptionQueries
{
    public static async Task<IReadOnlyList<ExceptionRow>> ListAsync(GoldenThreadDb db, ExceptionFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var (period, state, kind, errors) = filter.Read();
        if (errors.Count > 0)
        {
            throw new ArgumentException(errors[0].Message, nameof(filter));
        }

        // Filtered on the table, before the projection (which the database cannot filter on).
        var reports = db.ExceptionReports.AsNoTracking();
        if (period is { } p)
        {
            reports = reports.Where(e => e.Period == p.Code);
        }

        if (!string.IsNullOrWhiteSpace(filter.Body))
        {
            var body = filter.Body.Trim().ToUpperInvariant();
            reports = reports.Where(e => db.Bodies.Any(b => b.Id == e.BodyId && b.Code.ToUpper() == body));
        }

        if (state is { } s)
        {
            reports = reports.Where(e => e.State == s);
        }
        else if (filter.OnlyOpen)
        {
            reports = reports.Where(e => e.State != ExceptionState.Closed);
        }

        if (kind is { } k)
        {
            reports = reports.Where(e => e.Kind == k);
        }

        var query = Rows(db, reports);
        var rows = await query.ToListAsync(cancellationToken);
        return await WithStagesAsync(db, rows, cancellationToken);
    }

    public static async Task<ExceptionDetail?> FindAsync(GoldenThreadDb db, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var report = await db.ExceptionReports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var row = (await WithStagesAsync(db, await Rows(db, db.ExceptionReports.AsNoTracking().Where(e => e.Id == id)).ToListAsync(cancellationToken), cancellationToken)).Single();
        var steps = await db.ExceptionSteps.AsNoTracking().Where(s => s.ExceptionReportId == id).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var lead = await db.Indicators.AsNoTracking().Where(i => i.Id == report.IndicatorId).Select(i => i.LeadOrganisationId).SingleOrDefaultAsync(cancellationToken);
        return new ExceptionDetail(report, row, steps, lead);
    }

    /// <summary>The body's next meeting on or after <paramref name="today"/>, by its kind's milestone; null when the timetable has none (or no such body).</summary>
    public static async Task<NextMeeting?> NextMeetingAsync(GoldenThreadDb db, string bodyCode, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bodyCode);
        var upper = bodyCode.Trim().ToUpperInvariant();
        var body = await db.Bodies.AsNoTracking().Where(b => b.Code.ToUpper() == upper).Select(b => new { b.Code, b.Name, b.Kind }).FirstOrDefaultAsync(cancellationToken);
        if (body is null)
        {
            return null;
        }

        var milestone = body.Kind switch
        {
            BodyKind.ExecutiveBoard => Milestone.ExecutiveMeeting,
            BodyKind.StrategicBoard => Milestone.StrategicMeeting,
            BodyKind.Scrutiny => Milestone.ScrutinyMeeting,
            _ => Milestone.ThematicMeetings,
        };
        var next = await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Milestone == milestone && m.Date >= today)
            .OrderBy(m => m.Date)
            .Select(m => new { m.Period, m.Starts, m.Date })
            .FirstOrDefaultAsync(cancellationToken);
        return next is null ? null : new NextMeeting(body.Code, body.Name, next.Starts ?? next.Date, next.Period);
    }

    private static IQueryable<ExceptionRow> Rows(GoldenThreadDb db, IQueryable<ExceptionReport> reports) =>
        from e in reports
        join i in db.Indicators on e.IndicatorId equals i.Id
        join a in db.Areas on e.AreaId equals a.Id
        from b in db.Bodies.Where(b => b.Id == e.BodyId).DefaultIfEmpty()
        orderby e.Period descending, i.Code, a.Code, e.Kind
        select new ExceptionRow(
            e.Id, i.Code, i.Title, a.Code, a.Name, e.Period, e.Kind, e.Status, e.Cause, e.State,
            b == null ? null : b.Code, b == null ? null : b.Name, e.RaisedAt);

    /// <summary>Gives each data-quality row its stage: the run of consecutive quarters of its pair with one, up to its own.</summary>
    private static async Task<IReadOnlyList<ExceptionRow>> WithStagesAsync(GoldenThreadDb db, List<ExceptionRow> rows, CancellationToken cancellationToken)
    {
        var dataQuality = rows.Where(r => r.Kind == ExceptionKind.DataQuality).ToList();
        if (dataQuality.Count == 0)
        {
            return rows;
        }

        var indicatorCodes = dataQuality.Select(r => r.IndicatorCode).Distinct().ToList();
        var all = await (
                from e in db.ExceptionReports.AsNoTracking()
                join i in db.Indicators on e.IndicatorId equals i.Id
                join a in db.Areas on e.AreaId equals a.Id
                where e.Kind == ExceptionKind.DataQuality && indicatorCodes.Contains(i.Code)
                select new { Indicator = i.Code, Area = a.Code, e.Period })
            .ToListAsync(cancellationToken);
        var quarters = all
            .GroupBy(x => (x.Indicator, x.Area))
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Period>)g.Select(x => Domain.Periods.Period.TryParse(x.Period, out var p) ? p : (Period?)null).OfType<Period>().ToHashSet());
        return
        [
            .. rows.Select(r => r.Kind == ExceptionKind.DataQuality && Domain.Periods.Period.TryParse(r.Period, out var p)
                ? r with { Stage = DataQualityRules.StageAt(p, quarters.GetValueOrDefault((r.IndicatorCode, r.AreaCode)) ?? new HashSet<Period>()) }
                : r),
        ];
    }
}
