using System.Reflection;
using GoldenThread.Storage;
using GoldenThread.Web;

namespace GoldenThread.Api;

/// <summary>
/// Lets the build write the OpenAPI document (Microsoft.Extensions.ApiDescription.Server). Its GetDocument.Insider tool
/// loads this program, runs the entry point and waits, through HostFactoryResolver, for a web host to be built, then
/// asks that host's services for the document. Our entry point is the command line, which would reject the tool's
/// arguments and exit without building a host, so when the tool is the process's entry assembly the program builds and
/// starts the web site instead (the tool replaces the server with one that listens nowhere; starting is what wires the
/// mapped endpoints into routing, where the document generator finds them). Nothing else makes the entry assembly
/// GetDocument.Insider, so the command line is unchanged for everyone else.
/// </summary>
public static class OpenApiGeneration
{
    private const string GeneratorAssembly = "GetDocument.Insider";

    /// <summary>The site built for the generator, kept alive after the entry point returns because the generator reads its services.</summary>
    private static WebApplication? s_site;

    public static bool IsBuildTimeGenerator =>
        string.Equals(Assembly.GetEntryAssembly()?.GetName().Name, GeneratorAssembly, StringComparison.Ordinal);

    /// <summary>Builds and starts the site for the generator. Describing the API needs its endpoints, not data: no database is opened.</summary>
    public static async Task<int> StartSiteForGeneratorAsync()
    {
        s_site = WebApp.Build(new WebAppOptions(Database.Parse("Data Source=:memory:"), Urls: []) { EphemeralKeys = true });
        await s_site.StartAsync();
        return 0;
    }
}
