using System.Globalization;
using System.Text.Json;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web.Forms;
using Xunit.Abstractions;

namespace GoldenThread.Tests.Web.Conformance;

/// <summary>
/// Our GOV.UK partials against govuk-frontend's own component fixtures: each fixture whose options our partial
/// supports is rendered through the site's Razor view engine with those options, and the HTML compared with the
/// fixture's (as structure: elements, attributes in any order, text without the white space). A fixture that uses an
/// option our partial does not have is left out, with the reason, by <see cref="Map"/>; the ones that matter most are
/// listed in <see cref="MustBeChecked"/> so that a change to the mapping cannot quietly skip them.
/// </summary>
public sealed class GovukConformanceTests(ReadOnlyWebTestHost host, ITestOutputHelper output) : IClassFixture<ReadOnlyWebTestHost>
{
    private static readonly string[] Components = ["input", "select", "error-summary", "password-input"];

    /// <summary>Fixtures that must be checked (not skipped), per component.</summary>
    public static TheoryData<string, string> MustBeChecked => new()
    {
        { "input", "default" },
        { "input", "with hint text" },
        { "input", "with error message" },
        { "input", "with error and hint" },
        { "input", "with width-10 class" },
        { "input", "with autocomplete attribute" },
        { "input", "with spellcheck disabled" },
        { "select", "error" },
        { "select", "with hint text and error message" },
        { "select", "id" },
        { "select", "with falsy values" },
        { "error-summary", "default" },
        { "password-input", "default" },
        { "password-input", "with hint text" },
        { "password-input", "with error message" },
        { "password-input", "with new-password autocomplete" },
    };

    public static TheoryData<string, string> Supported
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (component, fixture, reason) in AllFixtures())
            {
                if (reason is null)
                {
                    data.Add(component, fixture.Name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public async Task Partial_RendersAsTheGovukFixture(string component, string name)
    {
        var fixture = GovukFixtures.Get(component, name);
        var (partial, model) = Map(component, fixture.Options);
        Assert.NotNull(partial);

        var html = await RenderAsync(partial, model!);

        HtmlComparison.AssertSame(fixture.Html, html);
    }

    [Theory]
    [MemberData(nameof(MustBeChecked))]
    public void Fixture_IsNotSkipped(string component, string name)
    {
        var (partial, reason) = Map(component, GovukFixtures.Get(component, name).Options);
        Assert.True(partial is not null, $"{component} '{name}' is skipped: {reason}");
    }

    /// <summary>The fixtures left out, each with its reason (written to the test's output).</summary>
    [Fact]
    public void SkippedFixtures_EachHaveAReason()
    {
        var skipped = AllFixtures().Where(f => f.Reason is not null).ToList();
        foreach (var (component, fixture, reason) in skipped)
        {
            output.WriteLine($"{component} '{fixture.Name}': {reason}");
        }

        Assert.All(skipped, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        Assert.Contains(AllFixtures(), f => f.Reason is null);
    }

    /// <summary>Every fixture of the components we have partials for, with the reason it is skipped (null when it is checked).</summary>
    public static IEnumerable<(string Component, GovukFixture Fixture, string? Reason)> AllFixtures()
    {
        foreach (var component in Components)
        {
            var path = Path.Combine(GovukFixtures.Folder, component, "fixtures.json");
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var element in json.RootElement.GetProperty("fixtures").EnumerateArray())
            {
                var fixture = new GovukFixture(element.GetProperty("name").GetString()!, element.GetProperty("options").Clone(), element.GetProperty("html").GetString()!);
                var (partial, model) = Map(component, fixture.Options);
                yield return (component, fixture, partial is null ? (string)model! : null);
            }
        }
    }

    private Task<string> RenderAsync(string partial, object model)
    {
        var renderer = new PartialRenderer(host);
        return model switch
        {
            TextField f => renderer.RenderAsync(partial, f),
            SelectField f => renderer.RenderAsync(partial, f),
            PasswordInput f => renderer.RenderAsync(partial, f),
            IReadOnlyList<FieldError> f => renderer.RenderAsync(partial, f),
            _ => throw new InvalidOperationException($"No partial takes a {model.GetType().Name}."),
        };
    }

    /// <summary>
    /// The partial and its model for a fixture's options; or (null, the reason) when the fixture uses an option our
    /// partial does not have.
    /// </summary>
    public static (string? Partial, object? ModelOrReason) Map(string component, JsonElement options)
    {
        var unsupported = component switch
        {
            "input" => Unsupported(options, ["id", "name", "label", "hint", "errorMessage", "type", "value", "autocomplete", "classes", "spellcheck"]),
            "select" => Unsupported(options, ["id", "name", "label", "hint", "errorMessage", "items", "value", "classes"]),
            "error-summary" => Unsupported(options, ["titleText", "errorList"]),
            "password-input" => Unsupported(options, ["id", "name", "label", "hint", "errorMessage", "autocomplete"]),
            _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
        };
        if (unsupported is not null)
        {
            return (null, unsupported);
        }

        if (options.TryGetProperty("label", out var label) && Unsupported(label, ["text"]) is { } labelReason)
        {
            return (null, "label " + labelReason);
        }

        foreach (var part in new[] { "hint", "errorMessage" })
        {
            if (options.TryGetProperty(part, out var p) && Unsupported(p, ["text"]) is { } partReason)
            {
                return (null, part + " " + partReason);
            }
        }

        var name = options.Text("name");
        var id = options.Text("id") ?? name;
        switch (component)
        {
            case "input":
                if (options.TryGetProperty("spellcheck", out var spellcheck) && spellcheck.ValueKind == JsonValueKind.True)
                {
                    return (null, "spellcheck=\"true\" is the browser's default: the partial leaves the attribute out");
                }

                if (options.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.String)
                {
                    return (null, "a value that is not text");
                }

                return ("/Pages/Shared/_TextInput.cshtml", new TextField(name!, options.Text("label.text")!, options.Text("value"), options.Text("errorMessage.text"), options.Text("hint.text"),
                    options.Text("type") ?? "text", options.Text("autocomplete"), options.Text("classes") ?? "")
                {
                    Id = id!,
                    Spellcheck = !(options.TryGetProperty("spellcheck", out var s) && s.ValueKind == JsonValueKind.False),
                });

            case "select":
                var items = options.TryGetProperty("items", out var given) ? given : JsonDocument.Parse("[]").RootElement;
                if (items.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.Object || Unsupported(i, ["value", "text", "selected"]) is not null || !i.TryGetProperty("value", out _)))
                {
                    return (null, "an item without a value, or with disabled, attributes or other options");
                }

                if (items.EnumerateArray().Any(i => i.TryGetProperty("selected", out var sel) && sel.ValueKind == JsonValueKind.False))
                {
                    return (null, "an item's own selected: false, against the select's value (our options have no selected of their own)");
                }

                var itemOptions = items.EnumerateArray().Select(i => new SelectOption(Scalar(i.GetProperty("value")), i.Text("text") ?? "")).ToList();
                var selected = items.EnumerateArray().Where(i => i.TryGetProperty("selected", out var sel) && sel.ValueKind == JsonValueKind.True).Select(i => Scalar(i.GetProperty("value"))).FirstOrDefault()
                    ?? (options.TryGetProperty("value", out var v) ? Scalar(v) : null);
                return ("/Pages/Shared/_Select.cshtml", new SelectField(name!, options.Text("label.text")!, [new SelectGroup(null, itemOptions)], selected, options.Text("errorMessage.text"))
                {
                    WidthClass = options.Text("classes") ?? "",
                    Id = id!,
                    Hint = options.Text("hint.text"),
                });

            case "error-summary":
                if (options.Text("titleText") != "There is a problem")
                {
                    return (null, "the title is always 'There is a problem'");
                }

                var errors = new List<FieldError>();
                foreach (var item in options.GetProperty("errorList").EnumerateArray())
                {
                    if (Unsupported(item, ["text", "href"]) is not null || item.Text("href") is not { } href || !href.StartsWith('#'))
                    {
                        return (null, "every error links to its field by #id, as plain text");
                    }

                    errors.Add(new FieldError(href[1..], item.Text("text")!));
                }

                return ("/Pages/Shared/_ErrorSummary.cshtml", (IReadOnlyList<FieldError>)errors);

            default:
                return ("/Pages/Shared/_PasswordInput.cshtml", new PasswordInput(id!, name!, options.Text("label.text")!, options.Text("autocomplete") ?? "current-password", options.Text("hint.text"), options.Text("errorMessage.text")));
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => value.ToString(),
    };

    private static string? Unsupported(JsonElement options, string[] supported)
    {
        if (options.ValueKind != JsonValueKind.Object)
        {
            return "given as " + options.ValueKind;
        }

        var others = options.EnumerateObject().Select(p => p.Name).Where(n => !supported.Contains(n)).ToList();
        return others.Count == 0 ? null : "uses options the partial does not have: " + string.Join(", ", others);
    }
}
