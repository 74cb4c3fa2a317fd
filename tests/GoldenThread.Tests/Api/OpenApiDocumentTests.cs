using System.Diagnostics;
using System.Text.Json.Nodes;
using GoldenThread.Api;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Api;

/// <summary>
/// The committed OpenAPI document (src/GoldenThread/Api/openapi/v1.json) is current. The build rewrites it, so after a
/// change to the API the working copy is new and these tests fail until it is committed (or staged) as well.
/// </summary>
public sealed class OpenApiDocumentTests(ReadOnlyWebTestHost host) : IClassFixture<ReadOnlyWebTestHost>
{
    private static string CommittedFile => Path.Combine(Repository.Root, ApiDocument.CommittedPath);

    [Fact]
    public async Task CommittedDocument_IsTheDocumentTheSiteServes()
    {
        var served = await host.Client.GetStringAsync(new Uri(ApiDocument.Path, UriKind.Relative));
        var file = await File.ReadAllTextAsync(CommittedFile);

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(file)),
            $"{ApiDocument.CommittedPath} is not the document the site serves. The build writes it: run 'dotnet build src/GoldenThread' and commit the file.");
    }

    [Fact]
    public async Task CommittedDocument_IsTheOneInGit()
    {
        var git = await GitAsync("show", ":" + ApiDocument.CommittedPath);
        if (git is null)
        {
            return; // Not a git checkout (a source archive): there is nothing committed to compare with.
        }

        var file = await File.ReadAllTextAsync(CommittedFile);
        Assert.True(git.Value.ExitCode == 0, $"{ApiDocument.CommittedPath} is not committed: {git.Value.Error}");
        Assert.True(
            git.Value.Output == file,
            $"The build has rewritten {ApiDocument.CommittedPath}: the API changed. Review the change (git diff) and commit the file with it.");
    }

    /// <summary>Runs git in the repository; null when git or the repository is not there.</summary>
    private static async Task<(int ExitCode, string Output, string Error)?> GitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(Repository.Root);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var output = process!.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var result = (process.ExitCode, await output, await error);
            return result.Item3.Contains("not a git repository", StringComparison.OrdinalIgnoreCase) ? null : result;
        }
    }
}
