using System.Xml.Linq;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;

namespace GoldenThread.Tests.Indicators;

/// <summary>The server-drawn chart: well-formed SVG that names itself, one marker per figure, and a target that differs in more than colour.</summary>
public sealed class SeriesChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_IsWellFormedSvgThatScalesByItsViewBox()
    {
        var svg = Parse(SeriesChart.Render(Quarterly()));

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("0 0 800 400", (string?)svg.Attribute("viewBox"));
        Assert.Null(svg.Attribute("style"));
        Assert.Null(svg.Attribute("width"));
        Assert.DoesNotContain(svg.Descendants(), e => e.Attribute("style") is not null);
    }

    [Fact]
    public void Render_IsAnImageLabelledByItsTitleAndDescription()
    {
        var svg = Parse(SeriesChart.Render(Quarterly()));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        var title = svg.Element(Svg + "title");
        var desc = svg.Element(Svg + "desc");
        Assert.NotNull(title);
        Assert.NotNull(desc);
        Assert.Equal("NI 16 in Wessexshire", title.Value);
        Assert.Equal($"{(string?)title.Attribute("id")} {(string?)desc.Attribute("id")}", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal(
            "A solid line with round markers shows the projected outturn: 4 figures, from 15.60 in 2008/09 Q1 to 16.60 in 2009/10 Q2. A dashed line with diamond markers shows the annual target, from 15.80 to 15.20. The same figures are in the table that follows.",
            desc.Value);
    }

    [Fact]
    public void Render_DrawsOneRoundMarkerPerFigure_CarryingItsPeriodAndValue()
    {
        var svg = Parse(SeriesChart.Render(Quarterly()));

        var points = svg.Descendants(Svg + "circle").Where(c => (string?)c.Attribute("class") == "app-chart__point").ToList();
        Assert.Equal(
            [("2008-09-Q1", "15.60"), ("2008-09-Q2", "15.70"), ("2009-10-Q1", "16.30"), ("2009-10-Q2", "16.60")],
            points.Select(p => ((string)p.Attribute("data-period")!, (string)p.Attribute("data-value")!)));
    }

    [Fact]
    public void Render_DrawsTheTargetDashedWithDiamondMarkers()
    {
        var svg = Parse(SeriesChart.Render(Quarterly()));

        var target = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "app-chart__target");
        var line = Assert.Single(target.Elements(Svg + "polyline"));
        Assert.Equal(SeriesChart.TargetDashes, (string?)line.Attribute("stroke-dasharray"));
        Assert.Equal(6, target.Elements(Svg + "path").Count(p => (string?)p.Attribute("class") == "app-chart__target-point"));
        var values = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "app-chart__values");
        Assert.All(values.Elements(Svg + "polyline"), l => Assert.Null(l.Attribute("stroke-dasharray")));
    }

    [Fact]
    public void Render_BreaksTheLineWhereAFigureIsMissing()
    {
        var svg = Parse(SeriesChart.Render(Quarterly()));

        // 2008/09 Q3 and Q4 have no figure: two runs, Q1-Q2 and the next year's Q1-Q2.
        var values = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "app-chart__values");
        Assert.Equal(2, values.Elements(Svg + "polyline").Count());
    }

    [Fact]
    public void Render_HasALegendInWords()
    {
        var svg = Parse(SeriesChart.Render(Quarterly()));

        var legend = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "app-chart__legend");
        Assert.Equal(["Projected outturn", "Annual target (dashed)"], legend.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Render_EscapesText()
    {
        var data = Quarterly() with { Title = "Crime <in> \"Hartmere\" & Fenmouth" };

        var svg = Parse(SeriesChart.Render(data));

        Assert.Equal("Crime <in> \"Hartmere\" & Fenmouth", svg.Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Render_WithNothingToPlot_SaysSo()
    {
        var data = new ChartData("empty", "Nothing", "Actual", "Annual target", 1, [new ChartPoint(Period.Parse("2009-10-Q1"), null, null)]);

        var svg = Parse(SeriesChart.Render(data));

        Assert.Equal("There are no figures to show.", svg.Element(Svg + "desc")!.Value);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "No figures to show");
        Assert.Empty(svg.Descendants(Svg + "circle"));
    }

    [Fact]
    public void Render_WithOneFigure_PlotsIt()
    {
        var data = new ChartData("one", "One", "Outturn", "Annual target", 0, [new ChartPoint(Period.Parse("2008-09"), 9m, 9m)]);

        var svg = Parse(SeriesChart.Render(data));

        Assert.Single(svg.Descendants(Svg + "circle"), c => (string?)c.Attribute("class") == "app-chart__point");
        Assert.Equal(
            "A solid line with round markers shows the outturn: one figure, 9 for 2008/09. A dashed line with diamond markers shows the annual target of 9. The same figures are in the table that follows.",
            svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void Render_PlacesHigherValuesHigherOnThePage()
    {
        var svg = Parse(SeriesChart.Render(Quarterly()));

        var y = svg.Descendants(Svg + "circle")
            .Where(c => (string?)c.Attribute("class") == "app-chart__point")
            .ToDictionary(c => (string)c.Attribute("data-period")!, c => double.Parse((string)c.Attribute("cy")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(y["2009-10-Q2"] < y["2008-09-Q1"], "16.60 should be drawn above 15.60");
        Assert.All(y.Values, v => Assert.InRange(v, 0, 400));
    }

    private static ChartData Quarterly() => new(
        "chart",
        "NI 16 in Wessexshire",
        "Projected outturn",
        "Annual target",
        2,
        [
            new ChartPoint(Period.Parse("2008-09-Q1"), 15.60m, 15.80m),
            new ChartPoint(Period.Parse("2008-09-Q2"), 15.70m, 15.80m),
            new ChartPoint(Period.Parse("2008-09-Q3"), null, 15.80m),
            new ChartPoint(Period.Parse("2008-09-Q4"), null, 15.80m),
            new ChartPoint(Period.Parse("2009-10-Q1"), 16.30m, 15.20m),
            new ChartPoint(Period.Parse("2009-10-Q2"), 16.60m, 15.20m),
        ]);

    private static XElement Parse(string markup) => XDocument.Parse(markup).Root!;
}
