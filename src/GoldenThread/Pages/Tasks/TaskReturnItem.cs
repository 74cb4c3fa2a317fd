using GoldenThread.Reminders;

namespace GoldenThread.Pages.Tasks;

/// <summary>One return in a task list on My tasks: the return, what its link says, and which list it is in (for unique ids).</summary>
public sealed record TaskReturnItem(TaskReturn Task, string Name, string Section);

/// <summary>One list of returns on My tasks, with its heading and what it is.</summary>
public sealed record TaskSection(string Id, string Heading, string? Intro, IReadOnlyList<TaskReturnItem> Items)
{
    /// <summary>The page's lists, in the order they are shown; empty ones are left out.</summary>
    public static IReadOnlyList<TaskSection> From(PersonTasks tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        static string Of(TaskReturn t) => $"{t.PeriodName} return of {t.AssigneeName ?? "no one"}, {t.OrganisationName ?? "no organisation"}";
        TaskSection[] all =
        [
            new("to-complete", "Returns to complete", null, [.. tasks.ToComplete.Select(t => new TaskReturnItem(t, $"{t.PeriodName} return", "mine"))]),
            new(
                "as-deputy",
                "Returns you can stand in for",
                "You are deputy for indicators on these returns. Their owners are asked for them; you can complete them when the owner is away.",
                [.. tasks.AsDeputy.Select(t => new TaskReturnItem(t, Of(t), "deputy"))]),
            new("to-check", "Returns waiting for quality assurance", null, [.. tasks.ToCheck.Select(t => new TaskReturnItem(t, Of(t), "check"))]),
            new("to-sign-off", "Returns waiting for sign-off", null, [.. tasks.ToSignOff.Select(t => new TaskReturnItem(t, Of(t), "sign-off"))]),
        ];
        return [.. all.Where(s => s.Items.Count > 0)];
    }
}
