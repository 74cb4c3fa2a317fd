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
