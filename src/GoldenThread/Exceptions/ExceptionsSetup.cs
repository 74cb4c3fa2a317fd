using GoldenThread.Worker;

namespace GoldenThread.Exceptions;

/// <summary>The exception reports' life (issue 11, items 2 and 4): its use cases and the daily review, for the web's container and the worker's.</summary>
public static class ExceptionsSetup
{
    public static IServiceCollection AddGoldenThreadExceptions(this IServiceCollection services)
    {
        services.AddScoped<ExceptionLife>();
        services.AddScoped<ReturnExceptions>();
        services.AddScoped<ConsiderException>();
        services.AddScoped<AnswerChallenge>();
        services.AddScoped<CloseException>();
        services.AddScoped<WriteDataQualityException>();
        services.AddScoped<DataQualityExceptions>();
        services.AddJobHandler<ExceptionReview>(ExceptionReview.Kind);
        services.AddSingleton(ExceptionReview.Daily);
        return services;
    }
}
