using GoldenThread.Api.V1;
using GoldenThread.Web;

namespace GoldenThread.Api;

/// <summary>Adds the versioned JSON API, its OpenAPI document and the reference page's reader of it to the web site.</summary>
public static class GoldenThreadApi
{
    public const string BasePath = "/api/v1";

    public static IServiceCollection AddGoldenThreadApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);
        services.AddSingleton<ApiReferenceReader>();
        services.AddScoped<Returns.FigureSubmission>();
        return services;
    }

    public static IEndpointRouteBuilder MapGoldenThreadApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(ApiDocument.RouteTemplate);

        // One allowance per token (else per address) for the whole API, reads and writes alike.
        var v1 = app.MapGroup(BasePath).AddEndpointFilter(ProblemOnFailureAsync).RequireRateLimiting(Hardening.ApiLimit);
        GetScorecard.Map(v1);
        ListIndicators.Map(v1);
        GetIndicator.Map(v1);
        SubmitFigure.Map(v1);
        WithdrawFigure.Map(v1);

        // Anything else under the API answers in the API's terms, not with the site's HTML not-found page.
        app.MapFallback(BasePath + "/{**rest}", (HttpContext context) => ApiProblems.NotFound(
                $"There is no API operation {context.Request.Method} {context.Request.Path}. The operations are listed at /api."))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// An unexpected failure answers with a problem and a reference rather than the site's HTML error page. It covers the
    /// handlers; a failure while a body is already streaming can only end the response.
    /// </summary>
    private static async ValueTask<object?> ProblemOnFailureAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.HttpContext.Response.HasStarted)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GoldenThreadApi));
            logger.LogError(e, "The API failed on {Method} {Path}", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return ApiProblems.ServerError(context.HttpContext);
        }
    }
}
