using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Intervention;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Actions;

/// <summary>One item of the half-yearly report: a pair at stage 2 or 3, its plans with their actions, and its report requests.</summary>
public sealed record HalfYearlyItem(
    string IndicatorCode,
    string IndicatorTitle,
    string AreaCode,
    string AreaName,
    int Stage,
    int ComputedStage,
    IReadOnlyList<ActionPlanView> Plans,
    IReadOnlyList<ReportRequestSummary> ReportRequests);

/// <summary>The executive board's half-yearly report to the strategic board on every action at stages 2 and 3.</summary>
public sealed record HalfYearlyReport(Period Half, Period Quarter, IReadOnlyList<HalfYearlyItem> Items);

/// <summary>
/// Builds the half-yearly report (assessment.md: "twice a year the executive board reports to the strategic board on
/// all actions at Stages 2 and 3"): exactly the pairs the scorecard shows at stage 2 or 3 (computed or by hand) at the
/// half's last quarter, in the scorecard's order, each with the action plans and report requests that count at that
/// quarter (recorded in it or the three before, <see cref="ActionPairs.RelevantQuarters"/>).
/// </summary>
public static class HalfYearlyReports
{
    /// <summary>The half-year as typed (2009-10-H1), or the problem against <c>half</c>.</summary>
    public static (Period? Half, FieldError? Problem) Half(string? text)
    {
        var code = text?.Trim();
        return Period.TryParse(code, out var half) && half.Kind == PeriodKind.HalfYear
            ? (half, null)
            : (null, new FieldError("half", $"'{code}' is not a half-year: enter one like 2009-10-H1"));
    }

    /// <summary>The half-year whose last quarter is the latest that has ended by <paramref name="quarter"/> (the current period).</summary>
    public static Period HalfOf(Period quarter)
    {
        return Period.Containing(quarter.Year, PeriodKind.HalfYear, quarter.LastMonthOffset);
    }

    public static Period LastQuarterOf(Period half)
    {
        return Period.Containing(half.Year, PeriodKind.Quarter, half.LastMonthOffset);
    }

    public static async Task<HalfYearlyReport> BuildAsync(GoldenThreadDb db, Period half, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var quarter = LastQuarterOf(half);
        var tolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        var scorecard = await ScorecardQuery.RunAsync(db, new ScorecardFilter(quarter), tolerances, cancellationToken);
        var entries = scorecard.Entries.Where(e => e.Assessment.LadderStage >= 2).ToList();
        if (entries.Count == 0)
        {
            return new HalfYearlyReport(half, quarter, []);
        }

        var quarters = ActionPairs.RelevantQuarters(quarter);
        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code, i.Title }).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, cancellationToken);
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Code, a.Name }).ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        var planIds = await db.ActionPlans.AsNoTracking().Where(p => quarters.Contains(p.Period))
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.IndicatorId, p.AreaId }).ToListAsync(cancellationToken);
        var requests = (await ActionQueries.ReportRequestsAsync(db, today, cancellationToken)).Where(r => quarters.Contains(r.Period)).ToList();
        var items = new List<HalfYearlyItem>(entries.Count);
        foreach (var entry in entries)
        {
            var indicator = indicators[entry.Indicator];
            var area = areas[entry.Area];
            var plans = new List<ActionPlanView>();
            foreach (var plan in planIds.Where(p => p.IndicatorId == indicator.Id && p.AreaId == area.Id))
            {
                if (await ActionQueries.PlanAsync(db, plan.Id, cancellationToken) is { } view)
                {
                    plans.Add(view);
                }
            }

            items.Add(new HalfYearlyItem(
                indicator.Code,
                indicator.Title,
                area.Code,
                area.Name,
                entry.Assessment.LadderStage,
                entry.Assessment.ComputedLadderStage,
                plans,
                [.. requests.Where(r => r.IndicatorCode == indicator.Code && r.AreaCode == area.Code).OrderBy(r => r.Id)]));
        }

        return new HalfYearlyReport(half, quarter, items);
    }
}
