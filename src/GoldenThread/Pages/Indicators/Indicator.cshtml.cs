using GoldenThread.Domain.Indicators;
using GoldenThread.History;
using GoldenThread.Indicators;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Indicators;

/// <summary>
/// One indicator in one area: its definition, its targets, its figures as a chart and a table, each quarter's status
/// with the reason, each year's outturn and the ladder of intervention. Reads only that indicator's rows for that area.
/// </summary>
public sealed class IndicatorModel(GoldenThreadDb db, ReportingClock clock, Access.CurrentPerson person) : PageModel
{
    /// <summary>True for the central team, who may change the indicator's details, owner and deputy.</summary>
    public bool MayEdit { get; private set; }

    /// <summary>The tolerances in force across the system, as the central team set them.</summary>
    public Tolerances SystemTolerances { get; private set; } = Tolerances.Default;

    /// <summary>The people who hold the indicator owner role for this indicator, by name.</summary>
    public IReadOnlyList<string> Owners { get; private set; } = [];

    /// <summary>The people who hold the indicator deputy role for this indicator, by name.</summary>
    public IReadOnlyList<string> Deputies { get; private set; } = [];

    public IndicatorDefinition Definition { get; private set; } = null!;

    public IReadOnlyList<IndicatorArea> Areas { get; private set; } = [];

    public IndicatorArea? Area { get; private set; }

    public IndicatorReport? Report { get; private set; }

    public string? ChartSvg { get; private set; }

    public IndicatorRules Rules => Definition.Rules;

    /// <summary>The periods whose values rows are signed off (final); every other row shown is provisional.</summary>
    public IReadOnlySet<Domain.Periods.Period> SignedOff { get; private set; } = new HashSet<Domain.Periods.Period>();

    /// <summary>True when the latest quarter shown has a cycle the central team has not closed: its figures may still change.</summary>
    public bool LatestInProgress { get; private set; }

    /// <summary>"History of this figure": every record of the indicator in the area, newest first (up to <see cref="FigureHistory.PageLimit"/>).</summary>
    public IReadOnlyList<FigureHistoryRow> FigureHistory { get; private set; } = [];

    /// <summary>
    /// Whether the history names who made each change and for whom: officers' names, shown to those who may read the
    /// audit trail (auditors and administrators), as the audit trail shows them; everyone else sees what changed, when,
    /// why and how, but not who.
    /// </summary>
    public bool ShowNames { get; private set; }

    /// <summary>The stages the executive board set by hand for the indicator in the area, newest first (issue 11: who and why).</summary>
    public IReadOnlyList<Intervention.LadderTrigger> Triggers { get; private set; } = [];

    /// <summary>Whether the person may set and clear stages by hand (the executive board's members and administrators).</summary>
    public bool MayTrigger { get; private set; }

    /// <summary>What the reader may do about the indicator in the area (the ladder's forms, with the pair chosen).</summary>
    public Web.Forms.PairRights Rights { get; private set; } = Web.Forms.PairRights.None;

    public async Task<IActionResult> OnGetAsync(string code, string? area, CancellationToken cancellationToken)
    {
        var definition = await IndicatorDetailsQuery.FindAsync(db, code, cancellationToken);
        if (definition is null)
        {
            return await IndicatorDetailsQuery.CanonicalCodeAsync(db, code, cancellationToken) is { } canonical
                ? RedirectPermanent(IndicatorLinks.Indicator(canonical) + Request.QueryString)
                : NotFound();
        }

        Definition = definition;
        MayEdit = (await person.GetAsync(cancellationToken))?.IsCentralTeam == true;
        SystemTolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        var holders = await IndicatorDetailsQuery.RoleHoldersAsync(db, definition.Id, cancellationToken);
        Owners = holders.GetValueOrDefault(Domain.Access.Role.IndicatorOwner, []);
        Deputies = holders.GetValueOrDefault(Domain.Access.Role.IndicatorDeputy, []);
        Areas = await IndicatorDetailsQuery.AreasWithFiguresAsync(db, definition.Id, Publication.EveryStoredFigure, cancellationToken);
        if (area is not null)
        {
            Area = Areas.FirstOrDefault(a => string.Equals(a.Code, area, StringComparison.OrdinalIgnoreCase));
            if (Area is null)
            {
                // No such area, or one with no figures for this indicator: either way there is no page for it.
                return NotFound();
            }
        }
        else
        {
            Area = Areas.FirstOrDefault(a => a.Depth == 0);
        }

        if (Area is not null)
        {
            var history = await IndicatorDetailsQuery.HistoryAsync(db, definition.Id, Area.Id, await clock.CurrentPeriodAsync(db, cancellationToken), Publication.EveryStoredFigure, cancellationToken);
            Triggers = await db.LadderTriggers.AsNoTracking()
                .Where(t => t.IndicatorId == definition.Id && t.AreaId == Area.Id)
                .OrderByDescending(t => t.RaisedAt).ThenByDescending(t => t.Id)
                .ToListAsync(cancellationToken);
            var signedIn = await person.GetAsync(cancellationToken);
            MayTrigger = signedIn is not null && !signedIn.ByToken && await Intervention.TriggerRules.MayActAsync(db, signedIn.Actor, cancellationToken);
            Rights = await Web.Forms.PairRights.ForAsync(db, signedIn is { ByToken: false } ? signedIn.Actor : null, cancellationToken);
            Report = IndicatorReport.Build(definition.Rules, SystemTolerances, history.History, history.Notes, Intervention.LadderQuery.ManualStageAt(Triggers));
            SignedOff = history.SignedOff;
            if (Report.Quarters.Count > 0)
            {
                LatestInProgress = await CycleProgress.IsInProgressAsync(db, Report.Quarters[^1].Assessment.Period, cancellationToken);
            }

            FigureHistory = await History.FigureHistory.ForAreaAsync(db, definition.Id, Area.Id, History.FigureHistory.PageLimit, cancellationToken);
            var authorisation = HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
            ShowNames = (await authorisation.AuthorizeAsync(User, Access.Policies.AuditTrail)).Succeeded;
            if (Report.Figures.Count > 0)
            {
                ChartSvg = SeriesChart.Render(Report.Chart(
                    "figures-chart",
                    $"{definition.Code} in {Area.Name}: {Report.PlottedLabel.ToLowerInvariant()} and annual target by {PeriodNoun}",
                    definition.Decimals));
            }
        }

        return Page();
    }

    /// <summary>"quarter", "month", "half year" or "year": the indicator's reporting period.</summary>
    public string PeriodNoun => Definition.Frequency switch
    {
        Frequency.Monthly => "month",
        Frequency.Quarterly => "quarter",
        Frequency.HalfYearly => "half year",
        _ => "year",
    };

    /// <summary>A target, or "None" when none is set.</summary>
    public string Show(decimal? value) => value is { } v ? Figures.Format(v, Definition.Decimals) : "None";

    /// <summary>A returned figure, or "Not given" when the return left it empty (N/A).</summary>
    public string ShowFigure(decimal? value) => value is { } v ? Figures.Format(v, Definition.Decimals) : "Not given";
}
