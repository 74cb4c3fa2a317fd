using System.ComponentModel;
using System.Text.Json.Serialization;
using GoldenThread.Domain.Assessment;

namespace GoldenThread.Api.V1;

/// <summary>
/// The scorecard JSON of interchange.md as types. <see cref="Scorecard.ScorecardOutput"/> writes the body by hand (the
/// command line prints the same bytes); these records only declare its schema for OpenAPI, and a test reads the streamed
/// body back into them, failing on any field that is missing or extra.
/// </summary>
[Description("The assessment of every indicator and area pair in scope for one period: the same JSON as the command line's scorecard --format json.")]
public sealed record ScorecardDocument(
    [property: JsonPropertyName("period"), Description("The period assessed, e.g. 2009-10-Q2.")]
    string Period,
    [property: JsonPropertyName("entries"), Description("One entry for every indicator and area pair that has a target or a values row for any period, ordered by indicator code, then area code (ordinal).")]
    IReadOnlyList<ScorecardEntryDocument> Entries);

/// <summary>One entry of <see cref="ScorecardDocument"/>: an indicator in an area, assessed at the period.</summary>
[Description("An indicator in an area, assessed at the period by the rules of assessment.md.")]
public sealed record ScorecardEntryDocument(
    [property: JsonPropertyName("indicator"), Description("The indicator's code, e.g. NI 195.")]
    string Indicator,
    [property: JsonPropertyName("area"), Description("The area's code.")]
    string Area,
    [property: JsonPropertyName("period"), Description("The period assessed.")]
    string Period,
    [property: JsonPropertyName("actual"), Description("The actual: the value of the indicator at the period; null when there is none.")]
    decimal? Actual,
    [property: JsonPropertyName("period_target"), Description("The target for the period itself (for a year, the annual target); null when there is none.")]
    decimal? PeriodTarget,
    [property: JsonPropertyName("current_target"), Description("The annual target for the financial year that contains the period; null when there is none.")]
    decimal? CurrentTarget,
    [property: JsonPropertyName("projected_outturn"), Description("The stored projected outturn (the forecast of the year-end figure), even where a year's actual stood in for it; null when there is none.")]
    decimal? ProjectedOutturn,
    [property: JsonPropertyName("pvt"), Description("Performance versus target: how far the projected outturn is better (positive) or worse (negative) than the current target, in per cent, to 2 decimal places; null when it cannot be worked out.")]
    decimal? Pvt,
    [property: JsonPropertyName("status"), Description("The RAG status, or why there is none.")]
    Status Status,
    [property: JsonPropertyName("trend"), Description("The short-term trend within the year: the direction of the last change.")]
    Direction Trend,
    [property: JsonPropertyName("trend_periods"), Description("How many consecutive reporting periods, ending at the period, share the trend's direction (0 for none).")]
    int TrendPeriods,
    [property: JsonPropertyName("direction_of_travel"), Description("The long-term trend: the value compared with the same period a year earlier.")]
    Direction DirectionOfTravel,
    [property: JsonPropertyName("exception_required"), Description("The status that requires an exception report (red, amber, strong_green or no_data), or null when none is required.")]
    Status? ExceptionRequired,
    [property: JsonPropertyName("off_trajectory"), Description("True when the period is off trajectory: behind its profiled target, or red or amber where there is no profile.")]
    bool OffTrajectory,
    [property: JsonPropertyName("ladder_stage"), Description("The stage on the ladder of intervention, 0 to 3.")]
    int LadderStage,
    [property: JsonPropertyName("final"), Description("True when the figures the entry rests on are signed off: the values row that stood for the period (its own, or the latest shorter period's that supplied it) has a sign-off. False while they are provisional, and when there is no values row.")]
    bool Final);
