using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoldenThread.Administration;

/// <summary>The administration's use cases and queries, for the web site and the command line alike.</summary>
public static class AdministrationSetup
{
    public static IServiceCollection AddGoldenThreadAdministration(this IServiceCollection services)
    {
        // Deactivating a person ends their sessions; outside the site (the command line) with the default lifetimes.
        services.TryAddSingleton(new Sessions.SessionSettings());
        services.TryAddScoped<Sessions.SessionStore>();
        services.AddScoped<PeopleQueries>();
        services.AddScoped<AddPerson>();
        services.AddScoped<ChangePersonDetails>();
        services.AddScoped<GrantRole>();
        services.AddScoped<RemoveRole>();
        services.AddScoped<DeactivatePerson>();
        services.AddScoped<ReactivatePerson>();
        services.AddScoped<EndLockout>();

        services.AddScoped<OrganisationQueries>();
        services.AddScoped<AddOrganisation>();
        services.AddScoped<RenameOrganisation>();
        services.AddScoped<Indicators.ChangeIndicator>();
        return services;
    }
}
