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

        var histories = await FigureStore.HistoriesAsync(
            db,
            new FigureFilter(Publication.EveryStoredFigure) { Indicators = [indicatorId], Areas = area is null ? null : [.. areas.Keys], WithNotes = true },
            cancellationToken);
        var inOrder = histories
            .Where(h => areas.ContainsKey(h.Key.Area))
            .Select(h => (Area: areas[h.Key.Area], h.Value))
            .OrderBy(h => h.Area, StringComparer.Ordinal)
            .ToList();
        var targetDocuments = inOrder
            .SelectMany(h => h.Value.History.Targets
                .OrderBy(t => t.Key, ChronologicalOrder.Instance)
                .Select(t => new TargetDocument(h.Area, t.Key.Code, t.Value)))
            .ToList();
        var valueDocuments = inOrder
            .SelectMany(h => h.Value.History.Values
                .OrderBy(v => v.Key, ChronologicalOrder.Instance)
                .Select(v => new ValueDocument(h.Area, v.Key.Code, v.Value.Actual, v.Value.ProjectedOutturn, h.Value.Notes.GetValueOrDefault(v.Key), h.Value.SignedOff.Contains(v.Key))))
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
