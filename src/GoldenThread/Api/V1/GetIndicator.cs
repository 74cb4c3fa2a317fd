using System.ComponentModel;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/indicators/{code}</c>: one indicator's definition with its targets and values.</summary>
public static class GetIndicator
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/indicators/{code}", HandleAsync)
            .WithName(nameof(GetIndicator))
            .WithTags("Indicators")
            .WithSummary("Get an indicator with its targets and values")
            .WithDescription(
                "One indicator's definition, as in the list, with its targets and values rows for every area, or for one area with the area parameter. " +
                "Rows are ordered by area code (ordinal), then by period: the months, quarters and half years of a year before the year itself.\n\n" +
                "Put the code in the path with its space percent-encoded: /api/v1/indicators/NI%20195. An indicator or area code that does not exist is a 404 problem.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [
                    new("code", Required: true, Example: "NI 195"),
                    new("area", Required: false, Example: "WSX"),
                ],
                [
                    new(StatusCodes.Status200OK, "The indicator with its targets and values."),
                    new(StatusCodes.Status400BadRequest, "The area parameter is empty."),
                    new(StatusCodes.Status404NotFound, "There is no indicator, or no area, with the code given."),
                ]));

    private static async Task<Results<Ok<IndicatorDetailDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The indicator's code, exactly as imported (codes are case-sensitive), e.g. NI 195.")]
        string code,
        [FromQuery(Name = "area"), Description("Only this area's targets and values: exactly this area code, not the areas under it. Leave it out for every area.")]
        string? area,
        [FromServices] GoldenThreadDb db,
        CancellationToken cancellationToken)
    {
        if (area is not null && string.IsNullOrWhiteSpace(area))
        {
            return ApiProblems.InvalidParameter("area", "The query parameter 'area' is empty. Give an area code, such as WSX, or leave the parameter out for every area.");
        }

        var found = await IndicatorReader.ReadAsync(db, code, cancellationToken);
        if (found.Count == 0)
        {
            return ApiProblems.NotFound(await NoIndicatorAsync(db, code, cancellationToken));
        }

        var (indicatorId, indicator) = found[0];
        var areas = await db.Areas.Where(a => area == null || a.Code == area).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        if (area is not null && areas.Count == 0)
        {
            return ApiProblems.NotFound($"There is no area with the code '{area}'.");
        }

        // Targets and values are keyed area first, with no index on the indicator: "area in (the areas)" lets the
        // database seek one key range per area, where a plain filter on the indicator would read every row.
        var inScope = db.Areas.Where(a => area == null || a.Code == area).Select(a => a.Id);
        var targets = await db.Targets
            .Where(t => inScope.Contains(t.AreaId) && t.IndicatorId == indicatorId)
            .Select(t => new { t.AreaId, t.Period, t.Value })
            .ToListAsync(cancellationToken);
        var values = await db.Values
            .Where(v => inScope.Contains(v.AreaId) && v.IndicatorId == indicatorId)
            .Select(v => new { v.AreaId, v.Period, v.Actual, v.ProjectedOutturn, v.Note })
            .ToListAsync(cancellationToken);

        var targetDocuments = targets
            .Select(t => new TargetDocument(areas[t.AreaId], t.Period, IndicatorReader.Normalise(t.Value)!.Value))
            .OrderBy(t => t.Area, StringComparer.Ordinal)
            .ThenBy(t => Period.Parse(t.Period), ChronologicalOrder.Instance)
            .ToList();
        var valueDocuments = values
            .Select(v => new ValueDocument(areas[v.AreaId], v.Period, IndicatorReader.Normalise(v.Actual), IndicatorReader.Normalise(v.ProjectedOutturn), v.Note))
            .OrderBy(v => v.Area, StringComparer.Ordinal)
            .ThenBy(v => Period.Parse(v.Period), ChronologicalOrder.Instance)
            .ToList();
        return TypedResults.Ok(new IndicatorDetailDocument(indicator, targetDocuments, valueDocuments));
    }

    /// <summary>Says the code is unknown, and names the indicator meant when only the case differs.</summary>
    private static async Task<string> NoIndicatorAsync(GoldenThreadDb db, string code, CancellationToken cancellationToken)
    {
        var codes = await db.Indicators.Select(i => i.Code).ToListAsync(cancellationToken);
        var near = codes.Find(c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase));
        return near is null
            ? $"There is no indicator with the code '{code}'. GET /api/v1/indicators lists them all."
            : $"There is no indicator with the code '{code}'. Codes are case-sensitive: did you mean '{near}'?";
    }

    /// <summary>Periods by when they end, and a year's months, quarters and halves before the year itself.</summary>
    private sealed class ChronologicalOrder : IComparer<Period>
    {
        public static ChronologicalOrder Instance { get; } = new();

        public int Compare(Period x, Period y)
        {
            var byEnd = x.EndOrdinal.CompareTo(y.EndOrdinal);
            return byEnd != 0 ? byEnd : y.StartOrdinal.CompareTo(x.StartOrdinal);
        }
    }
}
