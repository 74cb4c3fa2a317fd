using System.Globalization;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Returns.Workbook;

/// <summary>Reads what a return's workbook shows (and what its upload is checked against) in a handful of queries.</summary>
public static class ReturnWorkbookQuery
{
    /// <summary>How many earlier values rows a line shows as its last values.</summary>
    public const int LastValuesShown = 4;

    /// <summary>The return as its workbook shows it, or null when there is no such return.</summary>
    public static async Task<WorkbookReturn?> LoadAsync(GoldenThreadDb db, int returnId, string uploadAddress, DateTimeOffset madeAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db.Returns.AsNoTracking()
            .Where(r => r.Id == returnId)
            .Select(r => new
            {
                r.Id,
                r.Period,
                Assignee = r.Assignee == null ? null : r.Assignee.FullName,
                Organisation = r.Organisation == null ? null : r.Organisation.Name,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var lines = await db.ReturnLines.AsNoTracking()
            .Where(l => l.ReturnId == returnId)
            .Select(l => new
            {
                Line = l,
                l.Indicator!.Code,
                l.Indicator.Title,
                l.Indicator.Unit,
                l.Indicator.MinValue,
                l.Indicator.MaxValue,
                l.Indicator.Definition,
                AreaName = l.Area!.Name,
            })
            .ToListAsync(cancellationToken);
        lines = [.. lines.OrderBy(l => l.Code, StringComparer.Ordinal).ThenBy(l => l.AreaName, StringComparer.Ordinal).ThenBy(l => l.Line.PeriodStart)];

        var indicatorIds = lines.Select(l => l.Line.IndicatorId).Distinct().ToList();
        var areaIds = lines.Select(l => l.Line.AreaId).Distinct().ToList();
        var earliest = lines.Count == 0 ? 0 : lines.Min(l => l.Line.PeriodStart) - 36;
        var values = await db.Values.AsNoTracking()
            .Where(v => indicatorIds.Contains(v.IndicatorId) && areaIds.Contains(v.AreaId) && v.PeriodStart >= earliest)
            .Select(v => new { v.IndicatorId, v.AreaId, v.Period, v.PeriodStart, v.Actual, v.ProjectedOutturn })
            .ToListAsync(cancellationToken);
        var targets = await db.Targets.AsNoTracking()
            .Where(t => indicatorIds.Contains(t.IndicatorId) && areaIds.Contains(t.AreaId) && t.PeriodStart >= earliest)
            .Select(t => new { t.IndicatorId, t.AreaId, t.Period, t.Value })
            .ToListAsync(cancellationToken);
        var exceptions = await db.ExceptionReports.AsNoTracking()
            .Where(e => indicatorIds.Contains(e.IndicatorId) && areaIds.Contains(e.AreaId) && e.Period == found.Period)
            .ToListAsync(cancellationToken);
        var deadline = await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Period == found.Period && m.Milestone == Milestone.ReturnDeadline)
            .Select(m => (DateOnly?)m.Date)
            .SingleOrDefaultAsync(cancellationToken);

        var workbookLines = lines.ConvertAll(l =>
        {
            var line = l.Line;
            var period = Period.TryParse(line.Period, out var parsed) ? parsed : (Period?)null;
            var last = values
                .Where(v => v.IndicatorId == line.IndicatorId && v.AreaId == line.AreaId && v.PeriodStart < line.PeriodStart)
                .OrderByDescending(v => v.PeriodStart)
                .ThenBy(v => v.Period, StringComparer.Ordinal)
                .Take(LastValuesShown)
                .Select(v => $"{v.Period}: actual {Show(v.Actual)}, projected outturn {Show(v.ProjectedOutturn)}")
                .ToList();
            var year = period?.FinancialYear.Code;
            var lineTargets = targets
                .Where(t => t.IndicatorId == line.IndicatorId && t.AreaId == line.AreaId && (t.Period == year || t.Period == line.Period))
                .OrderBy(t => t.Period, StringComparer.Ordinal)
                .Select(t => $"{t.Period}: {Show(t.Value)}")
                .ToList();
            var exception = exceptions.FirstOrDefault(e => e.IndicatorId == line.IndicatorId && e.AreaId == line.AreaId);
            var draft = new WorkbookEntry(
                line.Actual,
                line.ProjectedOutturn,
                line.Note,
                line.MovementNote,
                exception?.Reason,
                exception?.Plans,
                exception?.Timescales,
                exception?.LeadPartners,
                exception?.Resources,
                exception?.StrongGreenCause,
                exception?.Explanation,
                exception?.Assurance);
            return new WorkbookLine(
                line.Id,
                l.Code,
                l.Title,
                l.AreaName,
                line.Period,
                line.ActualDue,
                line.ProjectedOutturnDue,
                l.Unit,
                l.MinValue,
                l.MaxValue,
                l.Definition,
                last,
                lineTargets,
                draft);
        });

        return new WorkbookReturn(
            found.Id,
            found.Period,
            found.Assignee ?? "No one yet",
            found.Organisation ?? "no organisation",
            deadline,
            uploadAddress,
            madeAt,
            workbookLines);
    }

    private static string Show(decimal? value) =>
        value is { } v ? (v / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "N/A";
}
