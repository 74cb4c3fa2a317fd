using GoldenThread.Access;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;

namespace GoldenThread.Intervention;

/// <summary>
/// The pages where the executive board acts (setting and clearing a stage by hand): its members and administrators, in
/// the browser (<see cref="TriggerRules.MayActAsync"/>). With <see cref="ExecutiveBoardRequirement.OnlyToPost"/>, reading
/// (GET, HEAD) is left to the other requirements and only a post needs the board.
/// </summary>
public static class ExecutiveBoardPolicy
{
    public const string Name = "executive-board";

    public const string ToPost = "executive-board-to-post";

    public static IServiceCollection AddExecutiveBoardPolicy(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, ExecutiveBoardHandler>();
        services.Configure<AuthorizationOptions>(options =>
        {
            options.AddPolicy(Name, p => p.RequireAuthenticatedUser().AddRequirements(new ExecutiveBoardRequirement(false)));
            options.AddPolicy(ToPost, p => p.RequireAuthenticatedUser().AddRequirements(new ExecutiveBoardRequirement(true)));
        });
        return services;
    }
}

/// <summary>The executive board's members and administrators, in the browser; with <see cref="OnlyToPost"/>, only to post.</summary>
public sealed record ExecutiveBoardRequirement(bool OnlyToPost) : IAuthorizationRequirement;

internal sealed class ExecutiveBoardHandler(IServiceProvider services, IHttpContextAccessor accessor) : AuthorizationHandler<ExecutiveBoardRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ExecutiveBoardRequirement requirement)
    {
        var method = accessor.HttpContext?.Request.Method ?? "";
        if (requirement.OnlyToPost && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
        {
            context.Succeed(requirement);
            return;
        }

        var person = await services.GetRequiredService<CurrentPerson>().GetAsync();
        if (person is { ByToken: false } && await TriggerRules.MayActAsync(services.GetRequiredService<GoldenThreadDb>(), person.Actor, CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }
}
