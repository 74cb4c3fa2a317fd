using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Partnership;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Bodies;

/// <summary>A body as the list of bodies shows it, with its business in numbers at the current period.</summary>
/// <param name="AtStage">How many indicator and area pairs of the body stand at stages 1, 2 and 3 (index 0 is stage 1).</param>
public sealed record BodySummary(
    int Id,
    string Code,
    string Name,
    BodyKind Kind,
    string? EscalatesToCode,
    string? EscalatesToName,
    string? Chair,
    string? Secretary,
    int OpenExceptions,
    IReadOnlyList<int> AtStage);

/// <summary>A member of a body: a person holding the body-member role for it.</summary>
public sealed record BodyMemberRow(int Id, string FullName, string Email, string Organisation, bool Active, bool IsChair, bool IsSecretary);

/// <summary>One indicator in one area that a body is accountable for, assessed at the period (the stage shown is the higher of computed and manual).</summary>
public sealed record BodyPair(string Indicator, string Title, string AreaCode, string AreaName, string BodyCode, Assessment Assessment)
{
    public LadderStanding Standing => new(Assessment.ComputedLadderStage, Assessment.LadderStage > Assessment.ComputedLadderStage ? Assessment.LadderStage : 0);
}

/// <summary>An exception report not closed, with what it is about.</summary>
public sealed record OpenException(
    int Id, string Indicator, string AreaName, string Period, ExceptionKind Kind, Status Status, DataQualityCause? Cause, ExceptionState State, string BodyCode)
{
    public string PeriodName => Domain.Periods.Period.TryParse(Period, out var p) ? p.DisplayName : Period;
}

/// <summary>One of a body's meetings in the reporting timetable: the quarter it considers and its date (or span).</summary>
public sealed record BodyMeeting(string Period, Milestone Milestone, DateOnly? Starts, DateOnly Date)
{
    public string PeriodName => Domain.Periods.Period.TryParse(Period, out var p) ? p.DisplayName : Period;
}

/// <summary>Everything a body's page shows.</summary>
public sealed record BodyView(
    BodySummary Body,
    Period Period,
    IReadOnlyList<BodyMemberRow> Members,
    IReadOnlyList<(string Code, string Title)> Indicators,
    IReadOnlyList<BodyPair> Pairs,
    IReadOnlyList<OpenException> Exceptions,
    IReadOnlyList<BodyMeeting> Meetings,
    BodyMeeting? NextMeeting)
{
    /// <summary>The pairs at a stage (1 to 3), by indicator then area.</summary>
    public IReadOnlyList<BodyPair> AtStage(int stage) => [.. Pairs.Where(p => p.Assessment.LadderStage == stage)];
}

/// <summary>
/// Bodies and their business (issue 11, item 1): who sits on each body, what it is accountable for and how that stands at
/// the current period (through <see cref="ScorecardQuery"/>, so the stage is the engine's combined with the manual
/// triggers), its open exceptions and its meetings from the reporting timetable. Reads the other parts' tables only.
/// </summary>
public static class BodyBusiness
{
    /// <summary>The timetable's milestone for a body's meetings, or null for a kind that has none in the timetable.</summary>
    public static Milestone? MeetingMilestone(BodyKind kind) => kind switch
    {
        BodyKind.ThematicPartnership => Milestone.ThematicMeetings,
        BodyKind.ExecutiveBoard => Milestone.ExecutiveMeeting,
        BodyKind.StrategicBoard => Milestone.StrategicMeeting,
        BodyKind.Scrutiny => Milestone.ScrutinyMeeting,
        _ => null,
    };

    public static string KindName(BodyKind kind) => kind switch
    {
        BodyKind.StrategicBoard => "Strategic board",
        BodyKind.ExecutiveBoard => "Executive board",
        BodyKind.ThematicPartnership => "Thematic partnership",
        BodyKind.Lsp => "District partnership",
        BodyKind.Scrutiny => "Scrutiny panel",
        _ => "Other body",
    };

    /// <summary>Every body in the chain's order (strategic board first), with its counts at <paramref name="period"/>.</summary>
    public static async Task<IReadOnlyList<BodySummary>> AllAsync(GoldenThreadDb db, Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bodies = await db.Bodies.AsNoTracking().ToListAsync(cancellationToken);
        var scorecard = await ScorecardQuery.RunAsync(db, new ScorecardFilter(period), await ToleranceSetting.CurrentAsync(db, cancellationToken), cancellationToken);
        var bodyOfIndicator = await db.Indicators.AsNoTracking().Where(i => i.BodyId != null).ToDictionaryAsync(i => i.Code, i => i.BodyId!.Value, StringComparer.Ordinal, cancellationToken);
        var stages = scorecard.Entries
            .Where(e => e.Assessment.LadderStage > 0 && bodyOfIndicator.ContainsKey(e.Indicator))
            .GroupBy(e => (Body: bodyOfIndicator[e.Indicator], e.Assessment.LadderStage))
            .ToDictionary(g => g.Key, g => g.Count());
        var open = await OpenExceptionCountsAsync(db, cancellationToken);
        var names = await NamesAsync(db, bodies.SelectMany(b => new[] { b.ChairId, b.SecretaryId }), cancellationToken);
        return
        [
            .. bodies
                .OrderBy(b => b.Kind).ThenBy(b => b.Name, StringComparer.OrdinalIgnoreCase)
                .Select(b => Summary(b, bodies, names, open.GetValueOrDefault(b.Id), [.. Enumerable.Range(1, 3).Select(s => stages.GetValueOrDefault((b.Id, s)))])),
        ];
    }

    /// <summary>One body's page at <paramref name="period"/>, or null when there is no body with the code.</summary>
    public static async Task<BodyView?> ForAsync(GoldenThreadDb db, string code, Period period, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bodies = await db.Bodies.AsNoTracking().ToListAsync(cancellationToken);
        var body = bodies.Find(b => string.Equals(b.Code, code, StringComparison.Ordinal));
        if (body is null)
        {
            return null;
        }

        var members = await MembersAsync(db, body, cancellationToken);
        var names = await NamesAsync(db, [body.ChairId, body.SecretaryId], cancellationToken);
        var pairs = await PairsAsync(db, [body], period, cancellationToken);
        var exceptions = await OpenExceptionsAsync(db, [body], submittedOnly: false, cancellationToken);
        var indicators = (await db.Indicators.AsNoTracking().Where(i => i.BodyId == body.Id).Select(i => new { i.Code, i.Title }).ToListAsync(cancellationToken))
            .OrderBy(i => i.Code, Indicators.IndicatorCodeOrder.Instance)
            .Select(i => (i.Code, i.Title))
            .ToList();
        var meetings = await MeetingsAsync(db, body.Kind, cancellationToken);
        var summary = Summary(body, bodies, names, exceptions.Count, [.. Enumerable.Range(1, 3).Select(s => pairs.Count(p => p.Assessment.LadderStage == s))]);
        return new BodyView(summary, period, members, indicators, pairs, exceptions, meetings, NextMeeting(meetings, today));
    }

    /// <summary>The first meeting on or after <paramref name="today"/> (a span counts until its last day).</summary>
    public static BodyMeeting? NextMeeting(IReadOnlyList<BodyMeeting> meetings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        return meetings.Where(m => m.Date >= today).OrderBy(m => m.Date).FirstOrDefault();
    }

    /// <summary>The body's meetings in the timetable, in date order.</summary>
    public static async Task<IReadOnlyList<BodyMeeting>> MeetingsAsync(GoldenThreadDb db, BodyKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (MeetingMilestone(kind) is not { } milestone)
        {
            return [];
        }

        var rows = await db.TimetableMilestones.AsNoTracking().Where(m => m.Milestone == milestone).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(m => m.Date).Select(m => new BodyMeeting(m.Period, m.Milestone, m.Starts, m.Date))];
    }

    /// <summary>The body's members (active first, by name), marking the chair and the secretary.</summary>
    public static async Task<IReadOnlyList<BodyMemberRow>> MembersAsync(GoldenThreadDb db, Body body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(body);
        var rows = await db.People.AsNoTracking()
            .Where(p => p.Roles.Any(r => r.Role == Role.BodyMember && r.BodyId == body.Id))
            .Select(p => new { PersonId = p.Id, p.FullName, p.Email, Organisation = p.Organisation!.Name, Active = p.DeactivatedAt == null })
            .ToListAsync(cancellationToken);
        return
        [
            .. rows
                .DistinctBy(r => r.PersonId)
                .OrderByDescending(r => r.Active).ThenBy(r => r.FullName, StringComparer.OrdinalIgnoreCase)
                .Select(r => new BodyMemberRow(r.PersonId, r.FullName, r.Email ?? "", r.Organisation, r.Active, r.PersonId == body.ChairId, r.PersonId == body.SecretaryId)),
        ];
    }

    /// <summary>The pairs of the bodies' indicators, assessed at <paramref name="period"/> by the scorecard (one run per body, with its body filter).</summary>
    public static async Task<IReadOnlyList<BodyPair>> PairsAsync(GoldenThreadDb db, IReadOnlyList<Body> bodies, Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bodies);
        var tolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        var bodyIds = bodies.Select(b => b.Id).ToList();
        var titles = await db.Indicators.AsNoTracking().Where(i => i.BodyId != null && bodyIds.Contains(i.BodyId.Value)).ToDictionaryAsync(i => i.Code, i => i.Title, StringComparer.Ordinal, cancellationToken);
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, StringComparer.Ordinal, cancellationToken);
        var pairs = new List<BodyPair>();
        foreach (var body in bodies)
        {
            var result = await ScorecardQuery.RunAsync(db, new ScorecardFilter(period, BodyCode: body.Code), tolerances, cancellationToken);
            pairs.AddRange(result.Entries.Select(e => new BodyPair(e.Indicator, titles.GetValueOrDefault(e.Indicator, ""), e.Area, areas.GetValueOrDefault(e.Area, e.Area), body.Code, e.Assessment)));
        }

        return
        [
            .. pairs.OrderBy(p => p.Indicator, Indicators.IndicatorCodeOrder.Instance).ThenBy(p => p.AreaName, StringComparer.OrdinalIgnoreCase),
        ];
    }

    /// <summary>The bodies' exception reports not closed (both kinds), or only those waiting for the body (submitted); oldest period first.</summary>
    public static async Task<IReadOnlyList<OpenException>> OpenExceptionsAsync(GoldenThreadDb db, IReadOnlyList<Body> bodies, bool submittedOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bodies);
        var bodyIds = bodies.Select(b => b.Id).ToList();
        var query = db.ExceptionReports.AsNoTracking().Where(e => e.BodyId != null && bodyIds.Contains(e.BodyId.Value) && e.State != ExceptionState.Closed);
        if (submittedOnly)
        {
            query = query.Where(e => e.State == ExceptionState.Submitted);
        }

        var rows = await query
            .Join(db.Indicators, e => e.IndicatorId, i => i.Id, (e, i) => new { e, i.Code })
            .Join(db.Areas, x => x.e.AreaId, a => a.Id, (x, a) => new { x.e, x.Code, Area = a.Name })
            .ToListAsync(cancellationToken);
        var codes = bodies.ToDictionary(b => b.Id, b => b.Code);
        return
        [
            .. rows
                .Select(r => new OpenException(r.e.Id, r.Code, r.Area, r.e.Period, r.e.Kind, r.e.Status, r.e.Cause, r.e.State, codes[r.e.BodyId!.Value]))
                .OrderBy(r => Domain.Periods.Period.TryParse(r.Period, out var p) ? p.StartOrdinal : 0)
                .ThenBy(r => r.Indicator, Indicators.IndicatorCodeOrder.Instance)
                .ThenBy(r => r.AreaName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(r => r.Kind),
        ];
    }

    private static async Task<Dictionary<int, int>> OpenExceptionCountsAsync(GoldenThreadDb db, CancellationToken cancellationToken) =>
        await db.ExceptionReports.AsNoTracking()
            .Where(e => e.BodyId != null && e.State != ExceptionState.Closed)
            .GroupBy(e => e.BodyId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    private static async Task<Dictionary<int, string>> NamesAsync(GoldenThreadDb db, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.People.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, cancellationToken);
    }

    private static BodySummary Summary(Body body, List<Body> bodies, Dictionary<int, string> names, int openExceptions, IReadOnlyList<int> atStage)
    {
        var up = body.EscalatesToId is { } upId ? bodies.Find(b => b.Id == upId) : null;
        return new BodySummary(
            body.Id,
            body.Code,
            body.Name,
            body.Kind,
            up?.Code,
            up?.Name,
            body.ChairId is { } chair ? names.GetValueOrDefault(chair) : null,
            body.SecretaryId is { } secretary ? names.GetValueOrDefault(secretary) : null,
            openExceptions,
            atStage);
    }
}
