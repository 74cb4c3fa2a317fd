using GoldenThread.Api;
using GoldenThread.Cli;

if (OpenApiGeneration.IsBuildTimeGenerator)
{
    // The build runs this entry point to write the OpenAPI document: give it the web site, not the command line.
    return await OpenApiGeneration.StartSiteForGeneratorAsync();
}

await using var terminal = Terminal.FromConsole();
return await CommandLine.RunAsync(args, terminal);
