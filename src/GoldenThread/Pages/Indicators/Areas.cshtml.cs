using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Indicators;

/// <summary>
/// One indicator in every area at one period, side by side, each county followed by the districts within it, so that
/// a strong county figure cannot hide a weak district. Reads the indicator's rows for all areas in one query.
/// </summary>
public sealed class AreasModel(GoldenThreadDb db, ReportingClock clock) : PageModel
{
    private Dictionary<int, string>? _names;

    public sealed record Row(IndicatorArea Area, Assessment Assessment)
    {
        /// <summary>True when the row shows figures that are not signed off yet (the values row the assessment stood on).</summary>
        public bool Provisional { get; init; }
    }

    /// <summary>True when a quarter the period covers has a cycle the central team has not closed.</summary>
    public bool InProgress { get; private set; }

    /// <summary>A county (or other top-level area) that rates better than some of the areas within it.</summary>
    public sealed record HiddenWeakness(IndicatorArea Parent, Status ParentStatus, int Within, IReadOnlyList<Row> Weak)
    {
        /// <summary>The most areas named one by one; beyond it the sentence counts them, and the table names them.</summary>
        public const int MostNamed = 5;

        /// <summary>"Wessexshire is green overall, but 2 of the 6 areas within it are red or amber: Fenmouth (red), Hartmere (amber)."</summary>
        public string Sentence
        {
            get
            {
                var opening = $"{Parent.Name} is {ParentStatus.Name().ToLowerInvariant()} overall, but {Weak.Count} of the {Within} areas within it {(Weak.Count == 1 ? "is" : "are")} red or amber";
                if (Weak.Count <= MostNamed)
                {
                    return $"{opening}: {string.Join(", ", Weak.Select(w => $"{w.Area.Name} ({w.Assessment.Status.Name().ToLowerInvariant()})"))}.";
                }

                var red = Weak.Count(w => w.Assessment.Status == Status.Red);
                return $"{opening} ({red} red, {Weak.Count - red} amber); the table below shows each.";
            }
        }
    }

    public IndicatorDefinition Definition { get; private set; } = null!;

    public Period? Period { get; private set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<HiddenWeakness> Weaknesses { get; private set; } = [];

    /// <summary>Why the period asked for could not be used, or null.</summary>
    public string? PeriodError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? period, CancellationToken cancellationToken)
    {
        var definition = await IndicatorDetailsQuery.FindAsync(db, code, cancellationToken);
        if (definition is null)
        {
            return await IndicatorDetailsQuery.CanonicalCodeAsync(db, code, cancellationToken) is { } canonical
                ? RedirectPermanent(IndicatorLinks.Areas(canonical) + Request.QueryString)
                : NotFound();
        }

        Definition = definition;
        var current = await clock.CurrentPeriodAsync(db, cancellationToken);
        Period? chosen = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!Domain.Periods.Period.TryParse(period.Trim(), out var parsed))
            {
                PeriodError = "Choose a period from the list";
            }

            else if (parsed.StartOrdinal > current.EndOrdinal)
            {
                // A period that has not started yet has no figures to compare, whatever is stored for it.
                PeriodError = "Choose a period from the list";
            }

            chosen = parsed;
        }

        var stored = await IndicatorDetailsQuery.StoredHistoriesOfAllAreasAsync(db, definition.Id, current, Publication.EveryStoredFigure, cancellationToken);
        var histories = stored.ToDictionary(h => h.Key, h => h.Value.History);
        Periods = OfferedPeriods(histories.Values, current, PeriodError is null ? chosen : null);
        Period = PeriodError is null ? chosen ?? (Periods.Count > 0 ? Periods[0] : null) : null;
        if (PeriodError is not null)
        {
            // As the scorecard does: a period that cannot be read is a bad request, answered with the form and the error.
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Period is not { } at)
        {
            return Page();
        }

        var tolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        var areas = await db.Areas.Select(a => new { a.Id, a.Code, a.Name, a.ParentId }).ToListAsync(cancellationToken);
        // The stage shown is the higher of the computed and the executive board's manual one, as on the scorecard.
        var manual = await Intervention.ManualStages.AtAsync(db, at, cancellationToken);
        var arranged = IndicatorDetailsQuery.Arrange(areas.Where(a => histories.ContainsKey(a.Id)).Select(a => (a.Id, a.Code, a.Name, a.ParentId)));
        Rows =
        [
            .. arranged.Select(area =>
            {
                var assessor = new Assessor(definition.Rules, tolerances, histories[area.Id]);
                var assessment = assessor.Assess(at, manual.GetValueOrDefault((definition.Id, area.Id)));
                return new Row(area, assessment)
                {
                    Provisional = !stored[area.Id].IsFinal(assessor.ValueAt(at)?.Supplier) && (assessment.Actual is not null || assessment.ProjectedOutturn is not null),
                };
            }),
        ];
        InProgress = await CycleProgress.IsInProgressAsync(db, at, cancellationToken);
        Weaknesses = FindHiddenWeaknesses(Rows);
        return Page();
    }

    /// <summary>A target, or "None" when none is set.</summary>
    /// <summary>The name of the listed area an area sits within, or null for a top-level one.</summary>
    public string? ParentName(IndicatorArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        _names ??= Rows.ToDictionary(r => r.Area.Id, r => r.Area.Name);
        return area.ParentId is { } parent && _names.TryGetValue(parent, out var name) ? name : null;
    }

    public string Show(decimal? value) => value is { } v ? Figures.Format(v, Definition.Decimals) : "None";

    /// <summary>A returned figure, or "Not given" when the return left it empty (N/A).</summary>
    public string ShowFigure(decimal? value) => value is { } v ? Figures.Format(v, Definition.Decimals) : "Not given";

    /// <summary>
    /// The quarters from the first with figures to the current one, newest first, and the years with figures; plus the
    /// chosen period if it is neither. The histories hold no period after the current quarter.
    /// </summary>
    private static List<Period> OfferedPeriods(IEnumerable<IndicatorHistory> histories, Period current, Period? chosen)
    {
        var keys = histories.SelectMany(h => h.Values.Keys).ToList();
        var offered = new HashSet<Period>();
        var quarters = keys
            .Where(p => p.Kind is PeriodKind.Month or PeriodKind.Quarter)
            .Select(p => Domain.Periods.Period.Containing(p.Year, PeriodKind.Quarter, p.FirstMonthOffset))
            .ToList();
        if (quarters.Count > 0)
        {
            offered.UnionWith(DataExtent.QuartersBetween(quarters.Min(), Domain.Periods.Period.Containing(current.Year, PeriodKind.Quarter, current.FirstMonthOffset)));
        }

        offered.UnionWith(keys.Where(p => p.Kind == PeriodKind.Year));
        if (chosen is { } c)
        {
            offered.Add(c);
        }

        // Newest first; among periods ending together, the quarter before its year (the quarterly cycle comes first).
        return [.. offered.OrderByDescending(p => p.EndOrdinal).ThenBy(p => p.Kind)];
    }

    private static List<HiddenWeakness> FindHiddenWeaknesses(IReadOnlyList<Row> rows)
    {
        var found = new List<HiddenWeakness>();
        for (var i = 0; i < rows.Count; i++)
        {
            var parent = rows[i];
            if (parent.Area.Depth != 0 || parent.Assessment.Status is not (Status.Green or Status.StrongGreen))
            {
                continue;
            }

            var within = new List<Row>();
            for (var j = i + 1; j < rows.Count && rows[j].Area.Depth > 0; j++)
            {
                within.Add(rows[j]);
            }

            var weak = within.Where(r => r.Assessment.Status is Status.Red or Status.Amber).ToList();
            if (weak.Count > 0)
            {
                found.Add(new HiddenWeakness(parent.Area, parent.Assessment.Status, within.Count, weak));
            }
        }

        return found;
    }
}
