using GoldenThread.Worker;

namespace GoldenThread.Timetable;

/// <summary>The timetable's services, in the web site's and the worker's containers alike.</summary>
public static class TimetableSetup
{
    public static IServiceCollection AddGoldenThreadTimetable(this IServiceCollection services)
    {
        services.AddScoped<TimetableEditor>();
        services.AddScoped<CycleActions>();
        services.AddJobHandler<FormsIssuer>(FormsIssuer.Kind);
        services.AddSingleton(FormsIssuer.Daily);
        return services;
    }
}
