using GoldenThread.Access;
using GoldenThread.Domain.Access;
using GoldenThread.Returns;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Returns;

/// <summary>The return a workbook page is about, and whether the signed-in person may enter it (<see cref="AccessRules.MayEnterReturn"/>).</summary>
public sealed record WorkbookReturnSummary(int Id, string Period, string Assignee, string Organisation, Domain.Returns.ReturnState State, bool Amendment, string? Query, int Lines);

/// <summary>Finds a return for the workbook pages and checks the person against it.</summary>
public static class WorkbookAccess
{
    /// <summary>The return, or null when there is none; <c>May</c> says whether the person may enter it.</summary>
    public static async Task<(WorkbookReturnSummary? Return, bool May)> FindAsync(GoldenThreadDb db, int id, SignedInPerson? person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = await db.Returns.AsNoTracking()
            .Include(r => r.Assignee)
            .Include(r => r.Organisation)
            .Include(r => r.Lines).ThenInclude(l => l.Indicator)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (entity is null)
        {
            return (null, false);
        }

        var summary = new WorkbookReturnSummary(
            entity.Id,
            entity.Period,
            entity.Assignee?.FullName ?? "no one yet",
            entity.Organisation?.Name ?? "no organisation",
            entity.State,
            ReturnEntry.IsAmendment(entity),
            entity.Query,
            entity.Lines.Count);
        var may = person is not null && person.MayChange && AccessRules.MayEnterReturn(person.Id, person.Actor, ReturnEntry.AccessOf(entity));
        return (summary, may);
    }
}
