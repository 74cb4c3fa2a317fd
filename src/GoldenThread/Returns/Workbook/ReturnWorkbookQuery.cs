using System.Globalization;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Returns.Workbook;

/// <summary>
/// What a return's workbook shows, and what its upload is checked against, read through the same
/// <see cref="ReturnSnapshot"/> the web form and <see cref="ReturnEntry"/> use, so the lines, their order, the last
/// values, the targets and which line carries an exception report are the same everywhere.
/// </summary>
public static class ReturnWorkbookQuery
{
    /// <summary>The return as its workbook shows it (and its snapshot, to check an upload against), or null when there is no such return.</summary>
    public static async Task<(WorkbookReturn Workbook, ReturnSnapshot Snapshot)?> LoadAsync(
        GoldenThreadDb db, int returnId, string uploadAddress, DateTimeOffset madeAt, DateOnly today, FigureLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var snapshot = await ReturnSnapshot.LoadAsync(db, returnId, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        var entity = snapshot.Return;
        var deadline = await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Period == entity.Period && m.Milestone == Milestone.ReturnDeadline)
            .Select(m => (DateOnly?)m.Date)
            .SingleOrDefaultAsync(cancellationToken);
        var previews = snapshot.Evaluate(today, limits).Lines.ToDictionary(p => p.LineId);
        var lines = snapshot.Lines.Select(line =>
        {
            var indicator = line.Indicator!;
            var preview = previews[line.Id];
            var exceptionLine = snapshot.ExceptionLineOf(line);
            var carries = exceptionLine.Id == line.Id;
            var exception = ReturnSnapshot.ExceptionOf(line);
            var targets = new List<string>();
            if (preview.CurrentTarget is { } year)
            {
                targets.Add($"{snapshot.Quarter.FinancialYear.Code}: {Show(year)}");
            }

            if (preview.PeriodTarget is { } own && preview.Period != snapshot.Quarter.FinancialYear)
            {
                targets.Add($"{preview.Period.Code}: {Show(own)}");
            }

            var draft = new WorkbookEntry(line.Actual, line.ProjectedOutturn, line.Note, line.MovementNote);
            if (carries)
            {
                draft = draft with
                {
                    Reason = exception.Reason,
                    Plans = exception.Plans,
                    Timescales = exception.Timescales,
                    LeadPartners = exception.LeadPartners,
                    Resources = exception.Resources,
                    Cause = exception.Cause,
                    Explanation = exception.Explanation,
                    Assurance = exception.Assurance,
                };
            }

            return new WorkbookLine(
                line.Id,
                indicator.Code,
                indicator.Title,
                line.Area!.Name,
                line.Period,
                line.ActualDue,
                line.ProjectedOutturnDue,
                indicator.Unit,
                indicator.MinValue,
                indicator.MaxValue,
                indicator.Definition,
                [.. preview.LastValues.Select(v => $"{v.Period.Code}: actual {Show(v.Actual)}, projected outturn {Show(v.ProjectedOutturn)}")],
                targets,
                draft,
                carries,
                carries ? null : exceptionLine.Period);
        }).ToList();

        var workbook = new WorkbookReturn(
            entity.Id,
            entity.Period,
            entity.Assignee?.FullName ?? "No one yet",
            entity.Organisation?.Name ?? "no organisation",
            deadline,
            uploadAddress,
            madeAt,
            lines);
        return (workbook, snapshot);
    }

    private static string Show(decimal? value) =>
        value is { } v ? (v / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "N/A";
}
