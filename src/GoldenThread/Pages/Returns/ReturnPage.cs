using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Timetable;
using GoldenThread.Returns;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Returns;

/// <summary>Who is looking at a return, and what they may do with it: read it, enter it, and whether on someone's behalf.</summary>
/// <param name="Snapshot">The return, its lines and their histories.</param>
/// <param name="Person">The signed-in person.</param>
/// <param name="MayEnter">They may change its figures (<see cref="AccessRules.MayEnterReturn"/>) and it is open for entry.</param>
/// <param name="OnBehalfOf">The assignee's name when the person enters it for them (the central team), else null.</param>
public sealed record ReturnViewer(ReturnSnapshot Snapshot, SignedInPerson Person, bool MayEnter, string? OnBehalfOf)
{
    public Return Return => Snapshot.Return;

    /// <summary>The return's name in headings: "2009/10 Q3 return of Jo Bloggs".</summary>
    public string Title => $"{Snapshot.Quarter.DisplayName} return" + (Return.Assignee is { } person ? $" of {person.FullName}" : Return.Organisation is { } o ? $" for {o.Name} (no one assigned)" : string.Empty);
}

/// <summary>What the return pages share: loading a return for the signed-in person with the access rules, and its deadline.</summary>
public static class ReturnPage
{
    /// <summary>The return for the person, or why not: null viewer with 404 (no such return) or 403 (not theirs to read).</summary>
    public static async Task<(ReturnViewer? Viewer, int Status)> LoadAsync(GoldenThreadDb db, CurrentPerson current, int id, CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null)
        {
            return (null, StatusCodes.Status403Forbidden);
        }

        var snapshot = await ReturnSnapshot.LoadAsync(db, id, cancellationToken);
        if (snapshot is null)
        {
            return (null, StatusCodes.Status404NotFound);
        }

        var access = ReturnEntry.AccessOf(snapshot.Return);
        if (!AccessRules.MayReadReturn(person.Id, person.Actor, access))
        {
            return (null, StatusCodes.Status403Forbidden);
        }

        var mayEnter = person.MayChange && AccessRules.MayEnterReturn(person.Id, person.Actor, access)
            && Domain.Returns.ReturnStates.IsOpenForEntry(snapshot.Return.State);
        var onBehalf = snapshot.Return.AssigneeId is { } assignee && assignee != person.Id && AccessRules.IsCentralTeamFor(person.Actor, access)
            ? snapshot.Return.Assignee?.FullName
            : null;
        return (new ReturnViewer(snapshot, person, mayEnter, onBehalf), StatusCodes.Status200OK);
    }

    /// <summary>The return deadline of each of these quarters that has one in the timetable.</summary>
    public static async Task<IReadOnlyDictionary<string, DateOnly>> DeadlinesAsync(GoldenThreadDb db, IReadOnlyCollection<string> quarters, CancellationToken cancellationToken) =>
        await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Milestone == Milestone.ReturnDeadline && quarters.Contains(m.Period))
            .ToDictionaryAsync(m => m.Period, m => m.Date, cancellationToken);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A figure as the form shows it: invariant, without trailing zeros; empty for none.</summary>
    public static string Figure(decimal? value) => value is { } v ? FigureStore.Normalise(v).ToString(CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A figure in a summary: "N/A" for none.</summary>
    public static string Shown(decimal? value) => value is null ? "N/A" : Figure(value);

    /// <summary>The id of the input a problem's field is shown at: <c>exception.lead_partners</c> is <c>exception-lead-partners</c>.</summary>
    public static string InputId(string field) => field == "period" ? "actual" : field.Replace('.', '-').Replace('_', '-');
}
