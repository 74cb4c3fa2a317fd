using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace GoldenThread.Audit;

/// <summary>
/// Records refused API tokens and access denials in the audit trail. Someone trying token after token, or page after
/// page, must not fill the table: at most one entry per client address, action and reason per minute
/// (<see cref="AuditThrottle"/>); the rest are counted by the rate limits, not recorded.
/// </summary>
public static class AccessAudit
{
    /// <summary>A bearer token that was refused (unknown, revoked, expired, malformed, or its person may not sign in).</summary>
    public static Task TokenRefusedAsync(HttpContext context, string reason, int? personId = null) =>
        RecordAsync(context, AuditActions.TokenRefused, reason, $"{reason} ({context.Request.Method} {context.Request.Path})", personId, anonymous: true);

    /// <summary>A signed-in person, or a checked token, refused something (403).</summary>
    public static Task DeniedAsync(HttpContext context, string reason) =>
        RecordAsync(context, AuditActions.AccessDenied, reason, $"{context.Request.Method} {context.Request.Path}: {reason}", personId: null, anonymous: false);

    private static async Task RecordAsync(HttpContext context, string action, string reason, string detail, int? personId, bool anonymous)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (!services.GetRequiredService<AuditThrottle>().ShouldRecord(address, action, reason))
        {
            return;
        }

        try
        {
            var actor = anonymous ? AuditActor.Anonymous(address) : await HttpAuditActor.OfAsync(context);
            await services.GetRequiredService<AuditLog>().RecordNowAsync(
                actor, action, detail, personId ?? actor.Id, subjectName: null, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A refusal stays a refusal when its record cannot be written (a database busy with an import, say).
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccessAudit))
                .LogWarning(e, "Could not record {Action} from {Address}", action, address);
        }
    }
}

/// <summary>At most one audit entry per client address, action and reason in a minute.</summary>
public sealed class AuditThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<(string Address, string Action, string Reason), DateTimeOffset> _last = new();

    public bool ShouldRecord(string? address, string action, string reason)
    {
        var now = clock.GetUtcNow();
        var key = (address ?? "", action, reason);
        var recorded = false;
        _last.AddOrUpdate(
            key,
            _ =>
            {
                recorded = true;
                return now;
            },
            (_, last) =>
            {
                recorded = now - last >= Interval;
                return recorded ? now : last;
            });
        if (_last.Count > PruneAbove)
        {
            foreach (var old in _last.Where(p => now - p.Value >= Interval).Select(p => p.Key).ToList())
            {
                _last.TryRemove(old, out _);
            }
        }

        return recorded;
    }
}

/// <summary>Records every 403 that authorisation gives (pages and the API alike), then answers as usual.</summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<Access.PersonRequirement>().Select(r => r.Name).FirstOrDefault();
            await AccessAudit.DeniedAsync(context, failed is null ? "not allowed" : $"needs '{failed}'");
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
