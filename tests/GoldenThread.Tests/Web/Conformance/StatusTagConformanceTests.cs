using System.Text.Json;
using AngleSharp.Html.Parser;
using GoldenThread.Domain.Assessment;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Web.Conformance;

/// <summary>
/// The status tag against govuk-frontend's tag fixtures: the same element, and only classes that the fixtures use (a
/// colour modifier that GOV.UK Frontend has renamed or dropped would leave the tag unstyled or styled by accident).
/// </summary>
public sealed class StatusTagConformanceTests(ReadOnlyWebTestHost host) : IClassFixture<ReadOnlyWebTestHost>
{
    public static TheoryData<Status> Statuses => [.. Enum.GetValues<Status>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task StatusTag_UsesOnlyTheGovukTagsClasses(Status status)
    {
        var known = FixtureTags().ToList();
        var html = await new PartialRenderer(host).RenderAsync("/Pages/Shared/_StatusTag.cshtml", status);
        var tag = new HtmlParser().ParseDocument(html).Body!.FirstElementChild!;

        Assert.Equal("strong", tag.LocalName);
        var classes = tag.ClassList.ToHashSet();
        Assert.True(known.Any(k => k.SetEquals(classes)),
            $"{status}'s tag has the classes '{string.Join(' ', classes)}', which no govuk-frontend tag fixture has: {string.Join("; ", known.Select(k => string.Join(' ', k)))}.");
        Assert.False(string.IsNullOrWhiteSpace(tag.TextContent), $"{status}'s tag has no words: status must not be shown by colour alone.");
    }

    private static IEnumerable<HashSet<string>> FixtureTags()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(GovukFixtures.Folder, "tag", "fixtures.json")));
        foreach (var fixture in json.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            var element = new HtmlParser().ParseDocument(fixture.GetProperty("html").GetString()!).Body!.FirstElementChild!;
            yield return element.ClassList.ToHashSet();
        }
    }
}
