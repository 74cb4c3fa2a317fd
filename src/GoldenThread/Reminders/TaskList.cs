using GoldenThread.Access;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Reminders;
using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Reminders;

/// <summary>One return as My tasks lists it, with its deadline and lateness in words.</summary>
public sealed record TaskReturn(
    int Id, string Period, ReturnState State, DateOnly? Deadline, bool Late, string? DueInWords, string? Query, string? AssigneeName, string? OrganisationName)
{
    public string PeriodName => Domain.Periods.Period.TryParse(Period, out var period) ? period.DisplayName : Period;
}

/// <summary>An indicator the person owns with no one to stand in for them.</summary>
public sealed record OwnedIndicator(string Code, string Title);

/// <summary>Everything due from one person now (My tasks), from the same reading of the timetable as the reminders.</summary>
public sealed record PersonTasks(
    IReadOnlyList<TaskReturn> ToComplete,
    IReadOnlyList<TaskReturn> AsDeputy,
    IReadOnlyList<TaskReturn> ToCheck,
    IReadOnlyList<TaskReturn> ToSignOff,
    IReadOnlyList<OwnedIndicator> WithoutDeputy)
{
    public bool IsEmpty => ToComplete.Count + AsDeputy.Count + ToCheck.Count + ToSignOff.Count + WithoutDeputy.Count == 0;
}

/// <summary>
/// What is due from a person in the quarters whose forms are issued and whose cycle is open: their own returns still to
/// complete (queried ones with the query), the open returns of indicators they are deputy for, for the central team the
/// returns waiting for quality assurance or sign-off (administrators: all; performance officers: their organisation's),
/// and the indicators they own without a deputy.
/// </summary>
public static class TaskList
{
    public static async Task<PersonTasks> ForAsync(GoldenThreadDb db, SignedInPerson person, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        var withoutDeputy = await WithoutDeputyAsync(db, person.Id, cancellationToken);
        var periods = await ReminderCalendar.OpenPeriodsAsync(db, cancellationToken);
        if (periods.Count == 0)
        {
            return new PersonTasks([], [], [], [], withoutDeputy);
        }

        var deadlines = await ReminderCalendar.DeadlinesAsync(db, periods, cancellationToken);
        var calendar = await ReminderCalendar.WorkingDaysAsync(db, today, cancellationToken);
        var open = db.Returns.AsNoTracking().Where(r => periods.Contains(r.Period));
        var withEntry = open.Where(r => r.State == ReturnState.NotStarted || r.State == ReturnState.InProgress || r.State == ReturnState.Queried);

        var mine = await ReadAsync(withEntry.Where(r => r.AssigneeId == person.Id), cancellationToken);

        var deputyFor = person.Actor.Grants.Where(g => g.Role == Role.IndicatorDeputy && g.IndicatorId is not null).Select(g => g.IndicatorId!.Value).ToList();
        var asDeputy = deputyFor.Count == 0
            ? []
            : await ReadAsync(
                withEntry.Where(r => r.AssigneeId != null && r.AssigneeId != person.Id
                    && r.Lines.Any(l => deputyFor.Contains(l.IndicatorId)
                        && db.RoleAssignments.Any(a => a.PersonId == r.AssigneeId && a.Role == Role.IndicatorOwner && a.IndicatorId == l.IndicatorId))),
                cancellationToken);

        List<Row> toCheck = [], toSignOff = [];
        if (person.IsCentralTeam)
        {
            var scope = person.MayAdminister ? open : open.Where(r => r.OrganisationId == person.OrganisationId);
            toCheck = await ReadAsync(scope.Where(r => r.State == ReturnState.Submitted), cancellationToken);
            toSignOff = await ReadAsync(scope.Where(r => r.State == ReturnState.QualityAssured), cancellationToken);
        }

        return new PersonTasks(Tasks(mine), Tasks(asDeputy), Tasks(toCheck), Tasks(toSignOff), withoutDeputy);

        List<TaskReturn> Tasks(List<Row> rows) =>
        [
            .. rows
                .Select(r =>
                {
                    var deadline = deadlines.TryGetValue(r.Period, out var d) ? d : (DateOnly?)null;
                    return new TaskReturn(
                        r.Id,
                        r.Period,
                        r.State,
                        deadline,
                        ReturnStates.IsLate(r.State, deadline, today),
                        deadline is { } due && ReturnStates.IsOpenForEntry(r.State) ? ReminderRules.DueInWords(due, today, calendar) : null,
                        r.State == ReturnState.Queried ? r.Query : null,
                        r.AssigneeName,
                        r.OrganisationName);
                })
                .OrderByDescending(t => t.Late)
                .ThenBy(t => t.Deadline ?? DateOnly.MaxValue)
                .ThenBy(t => Domain.Periods.Period.TryParse(t.Period, out var p) ? p.StartOrdinal : 0)
                .ThenBy(t => t.AssigneeName, StringComparer.Ordinal)
                .ThenBy(t => t.Id),
        ];
    }

    private static Task<List<Row>> ReadAsync(IQueryable<Returns.Return> returns, CancellationToken cancellationToken) =>
        returns
            .Select(r => new Row(r.Id, r.Period, r.State, r.Query, r.Assignee != null ? r.Assignee.FullName : null, r.Organisation != null ? r.Organisation.Name : null))
            .ToListAsync(cancellationToken);

    private static async Task<List<OwnedIndicator>> WithoutDeputyAsync(GoldenThreadDb db, int personId, CancellationToken cancellationToken)
    {
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.PersonId == personId && a.Role == Role.IndicatorOwner && a.IndicatorId != null
                && !db.RoleAssignments.Any(d => d.Role == Role.IndicatorDeputy && d.IndicatorId == a.IndicatorId
                    && db.People.Any(p => p.Id == d.PersonId && p.DeactivatedAt == null)))
            .Select(a => new { a.Indicator!.Code, a.Indicator.Title })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OwnedIndicator(r.Code, r.Title)).OrderBy(i => i.Code, Indicators.IndicatorCodeOrder.Instance)];
    }

    private sealed record Row(int Id, string Period, ReturnState State, string? Query, string? AssigneeName, string? OrganisationName);
}
