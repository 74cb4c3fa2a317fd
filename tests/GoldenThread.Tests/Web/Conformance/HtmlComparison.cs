using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GoldenThread.Tests.Web.Conformance;

/// <summary>
/// HTML compared as structure: element names, attributes (in any order; class as a set of names) and text with
/// runs of white space made one space and trimmed. Comments and white space between elements do not count.
/// </summary>
public static class HtmlComparison
{
    public static string Normalise(string html)
    {
        var parser = new HtmlParser();
        var body = parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!;
        var text = new StringBuilder();
        foreach (var node in body.ChildNodes)
        {
            Write(node, 0, text);
        }

        return text.ToString();
    }

    public static void AssertSame(string expected, string actual)
    {
        var want = Normalise(expected);
        var got = Normalise(actual);
        Assert.True(want == got, $"The HTML differs.\nExpected:\n{want}\nActual:\n{got}");
    }

    /// <summary>Boolean attributes mean the same whether written bare or with their own name as the value.</summary>
    private static readonly HashSet<string> Booleans = ["selected", "disabled", "hidden", "checked", "required", "readonly", "multiple", "autofocus"];

    private static string Attribute(IAttr a)
    {
        if (a.Name == "class")
        {
            return $"class=\"{string.Join(' ', a.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))}\"";
        }

        if (Booleans.Contains(a.Name) && (a.Value.Length == 0 || string.Equals(a.Value, a.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return a.Name;
        }

        return $"{a.Name}=\"{a.Value}\"";
    }

    private static void Write(INode node, int depth, StringBuilder text)
    {
        switch (node)
        {
            case IElement element:
                var attributes = element.Attributes.Select(Attribute).Order(StringComparer.Ordinal);
                text.Append(' ', depth * 2).Append('<').Append(element.LocalName);
                foreach (var attribute in attributes)
                {
                    text.Append(' ').Append(attribute);
                }

                text.Append(">\n");
                foreach (var child in element.ChildNodes)
                {
                    Write(child, depth + 1, text);
                }

                break;
            case IText t:
                var words = string.Join(' ', t.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (words.Length > 0)
                {
                    text.Append(' ', depth * 2).Append(words).Append('\n');
                }

                break;
        }
    }
}
