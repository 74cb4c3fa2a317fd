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
/// (<c>?indicator=..&amp;area=..</c>). The indicators and areas are read once; each pair is checked by the lists' own rule (<see cref="PairChoices.Allows"/>).
/// </summary>
public sealed class PairRights
{
    private readonly Actor? _actor;
    private readonly bool _board;
    private readonly Dictionary<string, PairUniverse.IndicatorRow> _indicators;
    private readonly Dictionary<string, PairUniverse.AreaRow> _areas;

    private PairRights(Actor? actor, PairUniverse universe)
    {
        _actor = actor;
        _board = actor is not null && InterventionAccess.MayActForExecutiveBoard(actor, universe.ExecutiveBoards);
        _indicators = universe.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        _areas = universe.Areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    public static PairRights None { get; } = new(null, new PairUniverse([], [], []));

    /// <summary>
    /// The rights of <paramref name="actor"/> (null, or a token's: none). Each pair is checked when its links are asked
    /// for, not every indicator in every area at once: a national site has 80,000 pairs, and a page shows a few.
    /// </summary>
    public static async Task<PairRights> ForAsync(GoldenThreadDb db, Actor? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return actor is null ? None : new PairRights(actor, await PairUniverse.LoadAsync(db, cancellationToken));
    }

    /// <summary>Whether the person may choose the pair (codes as stored) on the form for <paramref name="purpose"/>: the lists' rule.</summary>
    public bool May(PairPurpose purpose, string indicator, string area) =>
        _actor is not null
        && (purpose != PairPurpose.ExecutiveBoard || _board)
        && _indicators.TryGetValue(indicator, out var i)
        && _areas.TryGetValue(area, out var a)
        && PairChoices.Allows(_actor, purpose, i, a);

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
        if (May(PairPurpose.Write, indicator, area))
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

        if (May(PairPurpose.ExecutiveBoard, indicator, area))
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

        if (May(PairPurpose.Escalate, indicator, area))
        {
            actions.Add(new("Escalate", Link("/escalations/new", indicator, area, ""), "escalation"));
        }

        return new PairActionLinks($"{indicator} in {areaName}", actions);
    }

    /// <summary>"/action-plans?indicator=NI%2015&amp;area=HRT#new-plan": the form with the pair chosen.</summary>
    public static string Link(string path, string indicator, string area, string fragment) =>
        $"{path}?indicator={Uri.EscapeDataString(indicator)}&area={Uri.EscapeDataString(area)}{fragment}";
}
