using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldenThread.Api;

/// <summary>
/// The API's errors as RFC 9457 problem details, each worded so that the person reading it can put the request right:
/// which parameter, what was wrong with it and what a good value looks like.
/// </summary>
public static class ApiProblems
{
    public const string InvalidParameterTitle = "A query parameter is missing or not valid";
    public const string InvalidFieldTitle = "The request's figures are not valid";
    public const string NotFoundTitle = "Not found";
    public const string ServerErrorTitle = "Sorry, there is a problem with the service";

    /// <summary>400: the problem is in one parameter; <c>errors</c> names it, as ASP.NET Core's validation problems do.</summary>
    public static ValidationProblem InvalidParameter(string parameter, string detail) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [parameter] = [detail] },
            detail: detail,
            title: InvalidParameterTitle);

    /// <summary>400: fields of the request's body are at fault; <c>errors</c> names each with what is wrong with it.</summary>
    public static ValidationProblem InvalidFields(IReadOnlyList<(string Field, string Message)> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(errors, detail: string.Join(" ", problems.Select(p => p.Field + ": " + p.Message)), title: InvalidFieldTitle);
    }

    /// <summary>404: a code in the request names nothing that is stored.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: NotFoundTitle);

    /// <summary>401: no person is signed in and no usable token came with the request.</summary>
    public static ProblemHttpResult Unauthorized(string? reason) =>
        TypedResults.Problem(
            detail: (reason is null ? "" : reason + " ") + "Send an API token as 'Authorization: Bearer <token>'; make one on the 'API tokens' page once signed in.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign in or send an API token");

    /// <summary>403: the person, or their token's scope, may not do this.</summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    /// <summary>429: too many requests from this token (or address) in a minute.</summary>
    public static ProblemHttpResult TooManyRequests(int retryAfterSeconds) =>
        TypedResults.Problem(
            detail: $"This token (or, without one, this address) has made too many requests in a minute. Wait {retryAfterSeconds} seconds (the Retry-After header) and try again.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests");

    /// <summary>503: another writer (a long import, say) holds the database; the caller should try again after <c>Retry-After</c>.</summary>
    public static ProblemHttpResult Busy(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = Web.DatabaseBusy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: $"The database is busy with another change (an import, say). Nothing was changed; try again in {Web.DatabaseBusy.RetryAfterSeconds} seconds (the Retry-After header).",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The service is busy");
    }

    /// <summary>405: the address is an operation, but not for this method; <c>Allow</c> lists the methods it takes.</summary>
    public static ProblemHttpResult MethodNotAllowed(HttpContext context, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(allowed);
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return TypedResults.Problem(
            detail: $"{context.Request.Path} does not take {context.Request.Method}; it takes {string.Join(" or ", allowed)}. The operations are listed at /api.",
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "Method not allowed");
    }

    /// <summary>415: the body is not in a type the operation reads.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    /// <summary>A bad request that the server refused before a handler saw it (a body over the limit: 413).</summary>
    public static ProblemHttpResult BadRequest(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? TypedResults.Problem(
                detail: $"The request's body is larger than the API reads ({Web.Hardening.MaxRequestBodyBytes / 1024} KB at most); a figure is a small JSON object.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The request is too large")
            : TypedResults.Problem(detail: exception.Message, statusCode: exception.StatusCode, title: "The request is not valid");
    }

    /// <summary>The problem for an exception that escaped the handlers: <see cref="Web.Hardening.StatusFor"/> decides its status.</summary>
    public static ProblemHttpResult ForException(HttpContext context, Exception exception) =>
        exception switch
        {
            BadHttpRequestException bad => BadRequest(bad),
            _ when Web.DatabaseBusy.Is(exception) => Busy(context),
            _ => ServerError(context),
        };

    /// <summary>500: nothing the caller can change; a reference to quote to the performance team, as the error page gives.</summary>
    public static ProblemHttpResult ServerError(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reference = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        return TypedResults.Problem(
            detail: $"Try again later. If the problem continues, contact your partnership's performance team and give them this reference: {reference}.",
            statusCode: StatusCodes.Status500InternalServerError,
            title: ServerErrorTitle);
    }
}
