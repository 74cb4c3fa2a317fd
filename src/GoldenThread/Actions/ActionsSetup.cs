using GoldenThread.Intervention;
using GoldenThread.Worker;

namespace GoldenThread.Actions;

/// <summary>The ladder's records' services (stage 1 actions, action plans, stage 3 report requests) and the daily flag of missing plans.</summary>
public static class ActionsSetup
{
    public static IServiceCollection AddGoldenThreadActions(this IServiceCollection services)
    {
        services.AddScoped<RecordStageOneAction>();
        services.AddScoped<DraftActionPlan>();
        services.AddScoped<SaveAction>();
        services.AddScoped<SaveMilestone>();
        services.AddScoped<AgreeActionPlan>();
        services.AddScoped<UpdateActionProgress>();
        services.AddScoped<RequestReport>();
        services.AddScoped<AnswerReport>();
        services.AddScoped<ConsiderReport>();
        services.AddJobHandler<ActionPlanFlagJob>(ActionPlanFlagJob.Kind);
        services.AddSingleton(ActionPlanFlagJob.Daily);
        return services;
    }
}
