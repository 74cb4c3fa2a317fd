using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace GoldenThread.Api;

/// <summary>
/// What a request that no API operation took gets: 405 with <c>Allow</c> when the address is an operation's but the
/// method is not, 415 when the method is right but the body's content type is not one the operation reads (routing
/// turns those away before a handler sees them), and 404 for an address that is no operation at all.
/// </summary>
internal static class ApiFallback
{
    public static IResult Answer(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var sources = context.RequestServices.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var matching = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith(GoldenThreadApi.BasePath + "/", StringComparison.OrdinalIgnoreCase)
                && !raw.Contains("**", StringComparison.Ordinal)
                && Matches(e.RoutePattern, request.Path))
            .ToList();
        if (matching.Count == 0)
        {
            return ApiProblems.NotFound($"There is no API operation {request.Method} {request.Path}. The operations are listed at /api.");
        }

        var forMethod = matching.Where(e => Methods(e).Contains(request.Method, StringComparer.OrdinalIgnoreCase)).ToList();
        if (forMethod.Count == 0)
        {
            var allowed = matching.SelectMany(Methods).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            return ApiProblems.MethodNotAllowed(context, allowed);
        }

        var types = forMethod.SelectMany(e => e.Metadata.GetOrderedMetadata<IAcceptsMetadata>()).SelectMany(a => a.ContentTypes).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"'Content-Type: {request.ContentType}'";
        return ApiProblems.UnsupportedMediaType(
            $"{request.Method} {request.Path} reads {string.Join(" or ", types.DefaultIfEmpty("application/json"))}, and the request has {sent}. Send the body as JSON with 'Content-Type: application/json'.");
    }

    private static IEnumerable<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

    private static bool Matches(RoutePattern pattern, PathString path)
    {
        var matcher = new TemplateMatcher(TemplateParser.Parse(pattern.RawText!), new RouteValueDictionary());
        return matcher.TryMatch(path, new RouteValueDictionary());
    }
}
