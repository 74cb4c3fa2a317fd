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
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddScoped<Returns.FigureSubmission>();
        return services;
    }

    public static IEndpointRouteBuilder MapGoldenThreadApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The document describes the API and holds no data: tools and client generators may read it without signing in.
        app.MapOpenApi(ApiDocument.RouteTemplate).AllowAnonymous();

        // One allowance per token (else per address) for the whole API, reads and writes alike.
        var v1 = app.MapGroup(BasePath).AddEndpointFilter(ProblemOnFailureAsync).RequireRateLimiting(Hardening.ApiLimit);
        GetScorecard.Map(v1);
        ListIndicators.Map(v1);
        GetIndicator.Map(v1);
        SubmitFigure.Map(v1);
        WithdrawFigure.Map(v1);
        ListReturns.Map(v1);
        GetReturn.Map(v1);
        SaveReturn.Map(v1);
        ListExceptions.Map(v1);
        GetException.Map(v1);
        ConsiderExceptionOperation.Map(v1);
        AnswerExceptionOperation.Map(v1);
        WriteDataQualityOperation.Map(v1);
        CloseExceptionOperation.Map(v1);
        GetLadder.Map(v1);
        ListTriggers.Map(v1);
        RaiseTrigger.Map(v1);
        ClearTrigger.Map(v1);
        ListEscalations.Map(v1);
        GetEscalation.Map(v1);
        RaiseEscalationOperation.Map(v1);
        DecideEscalationOperation.Map(v1);

        // Anything else under the API answers in the API's terms, not with the site's HTML not-found page.
        // A wrong method is 405 with Allow, a wrong content type 415 (ApiFallback).
        app.MapFallback(BasePath + "/{**rest}", ApiFallback.Answer).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// On the API's addresses an error status that no one gave a body (from the server or a middleware) becomes a problem
    /// with that status, instead of the site's HTML error page run again for the request: that page takes only GET and
    /// POST, so a failed PUT would have been answered 405 (seen once under 60 concurrent PUTs).
    /// </summary>
    public static WebApplication UseGoldenThreadApiProblems(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (!Hardening.IsApi(context.Request.Path))
            {
                await next(context);
                return;
            }

            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            await next(context);
            var response = context.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            {
                await (response.StatusCode == StatusCodes.Status503ServiceUnavailable
                    ? ApiProblems.Busy(context)
                    : TypedResults.Problem(statusCode: response.StatusCode)).ExecuteAsync(context);
            }
        });
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
            if (Hardening.StatusFor(e) == StatusCodes.Status500InternalServerError)
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GoldenThreadApi));
                logger.LogError(e, "The API failed on {Method} {Path}", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            }

            return ApiProblems.ForException(context.HttpContext, e);
        }
    }
}

/// <summary>
/// An exception outside the API's handlers (in authentication, say) on an API address answers as the API does, with a
/// problem (413, 503 or 500), not with the site's HTML error page.
/// </summary>
internal sealed class ApiExceptionHandler : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Hardening.IsApi(httpContext.Request.Path) || httpContext.Response.HasStarted)
        {
            return false;
        }

        await ApiProblems.ForException(httpContext, exception).ExecuteAsync(httpContext);
        return true;
    }
}
