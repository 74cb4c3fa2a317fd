using GoldenThread.Access;

namespace GoldenThread.Audit;

/// <summary>The audit trail's view of the person making a web request, and where from.</summary>
public static class HttpAuditActor
{
    public static async Task<AuditActor> OfAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress?.ToString();
        var person = await context.RequestServices.GetRequiredService<CurrentPerson>().GetAsync(context.RequestAborted);
        return person is null ? AuditActor.Anonymous(address) : new AuditActor(person.Id, person.Email, address);
    }

    /// <summary>For a request made by the named person before they are signed in (their sign-in, say).</summary>
    public static AuditActor For(HttpContext context, int? personId, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AuditActor(personId, name, context.Connection.RemoteIpAddress?.ToString());
    }
}
