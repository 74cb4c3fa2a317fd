using GoldenThread.Domain.Access;
using GoldenThread.Storage;

namespace GoldenThread.Web.Forms;

/// <summary>One thing a person may do about an indicator in an area: the link's words and its address, carrying the pair.</summary>
public sealed record PairAction(string Text, string Href, string Kind);

/// <summary>The links to act on one pair (the <c>_PairActions</c> partial): "Draft an action plan for NI 15 in Hartmere" and so on.</summary>
/// <param name="PairName">The pair in words, read after each link's words by screen readers only.</param>
public sealed record PairActionLinks(string PairName, IReadOnlyList<PairAction> Actions);

/// <summary>
/// What the signed-in person may do about pairs from the pages that show them (indicator, exception, ladder and body
/// pages): record a stage 1 action and draft an action plan (those who write for the pair), raise a stage by hand and
/// request a stage 3 report (the executive board), and escalate an issue. Each link opens the form with the pair chosen
/// (<c>?indicator=..&amp;area=..</c>). The indicators and areas are read once, for the three <see cref="PairChoices"/>.
/// </summary>
public sealed class PairRights
{
    private readonly PairChoices _write;
    private readonly PairChoices _board;
    private readonly PairChoices _escalate;

    private PairRights(PairChoices write, PairChoices board, PairChoices escalate) => (_write, _board, _escalate) = (write, board, escalate);

    public static PairRights None { get; } = new(PairChoices.None, PairChoices.None, PairChoices.None);

    /// <summary>The rights of <paramref name="actor"/> (null, or a token's: none).</summary>
    public static async Task<PairRights> ForAsync(GoldenThreadDb db, Actor? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (actor is null)
        {
            return None;
        }

        var universe = await PairUniverse.LoadAsync(db, cancellationToken);
        return new PairRights(
            PairChoices.For(universe, actor, PairPurpose.Write),
            PairChoices.For(universe, actor, PairPurpose.ExecutiveBoard),
            PairChoices.For(universe, actor, PairPurpose.Escalate));
    }

    /// <summary>
    /// The links for the pair. With a <paramref name="stage"/> (the stage shown), only what that stage asks for: stage 1
    /// an action, stage 2 a plan, stage 3 a report; raising by hand and escalating are offered at any stage. Set
    /// <paramref name="withTrigger"/> false where the page has its own link to raise a stage.
    /// </summary>
    public PairActionLinks For(string indicator, string area, string areaName, int? stage = null, bool withTrigger = true)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(area);
        var actions = new List<PairAction>();
        if (_write.May(indicator, area))
        {
            if (stage is null or 1)
            {
                actions.Add(new("Record a stage 1 action", Link("/actions", indicator, area, "#record"), "stage-one-action"));
            }

            if (stage is null or 2)
            {
                actions.Add(new("Draft an action plan", Link("/action-plans", indicator, area, "#new-plan"), "action-plan"));
            }
        }

        if (_board.May(indicator, area))
        {
            if (stage is null or >= 3)
            {
                actions.Add(new("Request a report", Link("/report-requests", indicator, area, "#new-request"), "report-request"));
            }

            if (withTrigger)
            {
                actions.Add(new("Raise a stage by hand", Link("/ladder/triggers/new", indicator, area, ""), "trigger"));
            }
        }

        if (_escalate.May(indicator, area))
        {
            actions.Add(new("Escalate", Link("/escalations/new", indicator, area, ""), "escalation"));
        }

        return new PairActionLinks($"{indicator} in {areaName}", actions);
    }

    /// <summary>"/action-plans?indicator=NI%2015&amp;area=HRT#new-plan": the form with the pair chosen.</summary>
    public static string Link(string path, string indicator, string area, string fragment) =>
        $"{path}?indicator={Uri.EscapeDataString(indicator)}&area={Uri.EscapeDataString(area)}{fragment}";
}
