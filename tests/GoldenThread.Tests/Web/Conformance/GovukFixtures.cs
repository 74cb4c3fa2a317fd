using System.Text.Json;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Web.Conformance;

/// <summary>One fixture of a GOV.UK Frontend component: its name, the Nunjucks macro's options and the HTML it renders.</summary>
public sealed record GovukFixture(string Name, JsonElement Options, string Html);

/// <summary>
/// The fixtures that ship in the <c>govuk-frontend</c> npm package (installed by the build into the site's
/// node_modules): <c>dist/govuk/components/&lt;name&gt;/fixtures.json</c>.
/// </summary>
public static class GovukFixtures
{
    public static string Folder { get; } =
        Path.Combine(Repository.Root, "src", "GoldenThread", "node_modules", "govuk-frontend", "dist", "govuk", "components");

    public static GovukFixture Get(string component, string name)
    {
        var path = Path.Combine(Folder, component, "fixtures.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var fixture in json.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            if (fixture.GetProperty("name").GetString() == name)
            {
                return new GovukFixture(name, fixture.GetProperty("options").Clone(), fixture.GetProperty("html").GetString()!);
            }
        }

        throw new InvalidOperationException($"govuk-frontend has no '{name}' fixture for the {component} component ({path}).");
    }

    /// <summary>A string option by a dotted path (<c>label.text</c>), or null when it is not there.</summary>
    public static string? Text(this JsonElement options, string path)
    {
        var element = options;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.ToString();
    }
}
