using System.Globalization;
using System.Xml.Linq;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Indicators;

/// <summary>One period on a chart: the figure plotted and the target, either of which may be missing.</summary>
public sealed record ChartPoint(Period Period, decimal? Value, decimal? Target);

/// <summary>What to draw: the points in order, the names of the two lines, the decimals to show, and ids unique on the page.</summary>
public sealed record ChartData(
    string Id,
    string Title,
    string ValueLabel,
    string TargetLabel,
    int Decimals,
    IReadOnlyList<ChartPoint> Points);

/// <summary>
/// Draws an indicator's series as an accessible SVG line chart on the server: a solid line with round markers for
/// the figures and a dashed line with diamond markers for the target, so the two differ in more than colour; a
/// legend in words; <c>role="img"</c> with a title and a description that say what the chart shows. Sized by its
/// viewBox, so it scales to its container. The same figures belong in a table next to it.
/// </summary>
public static class SeriesChart
{
    public const string ValueColour = "#0b0c0c";
    public const string TargetColour = "#1d70b8";
    public const string TargetDashes = "10 6";

    private const double Width = 800;
    private const double Height = 400;
    private const double Left = 80;
    private const double Right = 24;
    private const double Top = 64;
    private const double Bottom = 64;
    private const string Font = "\"GDS Transport\", arial, sans-serif";
    private const string TextColour = "#0b0c0c";
    private const string GridColour = "#b1b4b6";

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The chart as SVG markup, ready to place in an HTML page.</summary>
    public static string Render(ChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);

        var titleId = data.Id + "-title";
        var descId = data.Id + "-desc";
        var svg = new XElement(
            Svg + "svg",
            new XAttribute("id", data.Id),
            new XAttribute("class", "app-chart"),
            new XAttribute("viewBox", Invariant($"0 0 {Width} {Height}")),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{titleId} {descId}"),
            new XAttribute("font-family", Font),
            new XAttribute("font-size", "16"),
            new XElement(Svg + "title", new XAttribute("id", titleId), data.Title),
            new XElement(Svg + "desc", new XAttribute("id", descId), Describe(data)));

        var values = data.Points.Where(p => p.Value is not null).Select(p => p.Value!.Value)
            .Concat(data.Points.Where(p => p.Target is not null).Select(p => p.Target!.Value))
            .ToList();
        if (values.Count == 0)
        {
            svg.Add(Text(Width / 2, Height / 2, "No figures to show", "middle"));
            return svg.ToString(SaveOptions.DisableFormatting);
        }

        if (values.Any(v => Math.Abs(v) > Drawable))
        {
            // A figure near the largest decimal would overflow the axis arithmetic; the table beside the chart still shows it.
            svg.Add(Text(Width / 2, Height / 2, "The figures are too large to draw", "middle"));
            return svg.ToString(SaveOptions.DisableFormatting);
        }

        var scale = Scale.For(values.Min(), values.Max());
        svg.Add(Grid(scale, data.Decimals));
        svg.Add(XAxis(data.Points));
        svg.Add(TargetLine(data, scale));
        svg.Add(ValueLine(data, scale));
        svg.Add(Legend(data));
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The description a screen reader hears in place of the picture: what is plotted, where it starts and ends.</summary>
    public static string Describe(ChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var withValues = data.Points.Where(p => p.Value is not null).ToList();
        var withTargets = data.Points.Where(p => p.Target is not null).ToList();
        if (withValues.Count == 0 && withTargets.Count == 0)
        {
            return "There are no figures to show.";
        }

        var parts = new List<string>();
        if (withValues.Count > 0)
        {
            var first = withValues[0];
            var last = withValues[^1];
            parts.Add(withValues.Count == 1
                ? $"A solid line with round markers shows the {data.ValueLabel.ToLowerInvariant()}: one figure, {Show(first.Value!.Value, data)} for {first.Period.DisplayName}."
                : $"A solid line with round markers shows the {data.ValueLabel.ToLowerInvariant()}: {withValues.Count} figures, from {Show(first.Value!.Value, data)} in {first.Period.DisplayName} to {Show(last.Value!.Value, data)} in {last.Period.DisplayName}.");
        }
        else
        {
            parts.Add($"There are no figures for the {data.ValueLabel.ToLowerInvariant()}.");
        }

        if (withTargets.Count > 0)
        {
            var distinct = withTargets.Select(p => Show(p.Target!.Value, data)).Distinct().ToList();
            parts.Add(distinct.Count == 1
                ? $"A dashed line with diamond markers shows the {data.TargetLabel.ToLowerInvariant()} of {distinct[0]}."
                : $"A dashed line with diamond markers shows the {data.TargetLabel.ToLowerInvariant()}, from {distinct[0]} to {distinct[^1]}.");
        }
        else
        {
            parts.Add($"There is no {data.TargetLabel.ToLowerInvariant()}.");
        }

        parts.Add("The same figures are in the table that follows.");
        return string.Join(" ", parts);
    }

    private static XElement Grid(Scale scale, int decimals)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "app-chart__grid"));
        var labelDecimals = Math.Max(decimals, scale.StepDecimals);
        foreach (var tick in scale.Ticks())
        {
            var y = scale.Y(tick);
            group.Add(new XElement(
                Svg + "line",
                new XAttribute("x1", Invariant(Left)),
                new XAttribute("x2", Invariant(Width - Right)),
                new XAttribute("y1", Invariant(y)),
                new XAttribute("y2", Invariant(y)),
                new XAttribute("stroke", GridColour),
                new XAttribute("stroke-width", "1")));
            group.Add(Text(Left - 8, y + 5, Figures.Format(tick, labelDecimals), "end"));
        }

        return group;
    }

    private static XElement XAxis(IReadOnlyList<ChartPoint> points)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "app-chart__x-axis"));
        var baseline = Height - Bottom;
        group.Add(new XElement(
            Svg + "line",
            new XAttribute("x1", Invariant(Left)),
            new XAttribute("x2", Invariant(Width - Right)),
            new XAttribute("y1", Invariant(baseline)),
            new XAttribute("y2", Invariant(baseline)),
            new XAttribute("stroke", TextColour),
            new XAttribute("stroke-width", "1")));

        // Label every period while they fit; a long monthly series labels every other or every third.
        var every = points.Count <= 16 ? 1 : points.Count <= 32 ? 2 : 3;
        int? lastYear = null;
        for (var i = 0; i < points.Count; i++)
        {
            var period = points[i].Period;
            var x = X(i, points.Count);
            var newYear = period.Year != lastYear;
            lastYear = period.Year;
            if (period.Kind == PeriodKind.Year)
            {
                group.Add(Text(x, baseline + 24, period.DisplayName, "middle"));
                continue;
            }

            if (i % every == 0 || newYear)
            {
                group.Add(Text(x, baseline + 24, ShortName(period), "middle"));
            }

            if (newYear)
            {
                group.Add(Text(x, baseline + 46, period.FinancialYear.DisplayName, "middle"));
            }
        }

        return group;
    }

    private static XElement TargetLine(ChartData data, Scale scale)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "app-chart__target"));
        foreach (var run in Runs(data.Points, p => p.Target))
        {
            if (run.Count > 1)
            {
                group.Add(new XElement(
                    Svg + "polyline",
                    new XAttribute("points", string.Join(" ", run.Select(r => Invariant($"{X(r.Index, data.Points.Count)},{scale.Y(r.Value)}")))),
                    new XAttribute("fill", "none"),
                    new XAttribute("stroke", TargetColour),
                    new XAttribute("stroke-width", "3"),
                    new XAttribute("stroke-dasharray", TargetDashes)));
            }
        }

        for (var i = 0; i < data.Points.Count; i++)
        {
            if (data.Points[i].Target is { } target)
            {
                var x = X(i, data.Points.Count);
                var y = scale.Y(target);
                group.Add(new XElement(
                    Svg + "path",
                    new XAttribute("class", "app-chart__target-point"),
                    new XAttribute("d", Diamond(x, y, 7)),
                    new XAttribute("fill", "#ffffff"),
                    new XAttribute("stroke", TargetColour),
                    new XAttribute("stroke-width", "3"),
                    new XAttribute("data-period", data.Points[i].Period.Code),
                    new XAttribute("data-value", Show(target, data))));
            }
        }

        return group;
    }

    private static XElement ValueLine(ChartData data, Scale scale)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "app-chart__values"));
        foreach (var run in Runs(data.Points, p => p.Value))
        {
            if (run.Count > 1)
            {
                group.Add(new XElement(
                    Svg + "polyline",
                    new XAttribute("points", string.Join(" ", run.Select(r => Invariant($"{X(r.Index, data.Points.Count)},{scale.Y(r.Value)}")))),
                    new XAttribute("fill", "none"),
                    new XAttribute("stroke", ValueColour),
                    new XAttribute("stroke-width", "3")));
            }
        }

        for (var i = 0; i < data.Points.Count; i++)
        {
            if (data.Points[i].Value is { } value)
            {
                group.Add(new XElement(
                    Svg + "circle",
                    new XAttribute("class", "app-chart__point"),
                    new XAttribute("cx", Invariant(X(i, data.Points.Count))),
                    new XAttribute("cy", Invariant(scale.Y(value))),
                    new XAttribute("r", "6"),
                    new XAttribute("fill", ValueColour),
                    new XAttribute("data-period", data.Points[i].Period.Code),
                    new XAttribute("data-value", Show(value, data))));
            }
        }

        return group;
    }

    private static XElement Legend(ChartData data)
    {
        const double y = 28;
        var group = new XElement(Svg + "g", new XAttribute("class", "app-chart__legend"));
        group.Add(new XElement(
            Svg + "line",
            new XAttribute("x1", Invariant(Left)),
            new XAttribute("x2", Invariant(Left + 40)),
            new XAttribute("y1", Invariant(y)),
            new XAttribute("y2", Invariant(y)),
            new XAttribute("stroke", ValueColour),
            new XAttribute("stroke-width", "3")));
        group.Add(new XElement(
            Svg + "circle",
            new XAttribute("cx", Invariant(Left + 20)),
            new XAttribute("cy", Invariant(y)),
            new XAttribute("r", "6"),
            new XAttribute("fill", ValueColour)));
        group.Add(Text(Left + 50, y + 5, data.ValueLabel, "start"));

        const double targetX = Left + 360;
        group.Add(new XElement(
            Svg + "line",
            new XAttribute("x1", Invariant(targetX)),
            new XAttribute("x2", Invariant(targetX + 40)),
            new XAttribute("y1", Invariant(y)),
            new XAttribute("y2", Invariant(y)),
            new XAttribute("stroke", TargetColour),
            new XAttribute("stroke-width", "3"),
            new XAttribute("stroke-dasharray", TargetDashes)));
        group.Add(new XElement(
            Svg + "path",
            new XAttribute("d", Diamond(targetX + 20, y, 7)),
            new XAttribute("fill", "#ffffff"),
            new XAttribute("stroke", TargetColour),
            new XAttribute("stroke-width", "3")));
        group.Add(Text(targetX + 50, y + 5, data.TargetLabel + " (dashed)", "start"));
        return group;
    }

    /// <summary>The unbroken runs of points that have a figure: a missing figure breaks the line rather than bridging it.</summary>
    private static List<List<(int Index, decimal Value)>> Runs(IReadOnlyList<ChartPoint> points, Func<ChartPoint, decimal?> pick)
    {
        var runs = new List<List<(int, decimal)>>();
        List<(int, decimal)>? current = null;
        for (var i = 0; i < points.Count; i++)
        {
            if (pick(points[i]) is { } value)
            {
                if (current is null)
                {
                    current = [];
                    runs.Add(current);
                }

                current.Add((i, value));
            }
            else
            {
                current = null;
            }
        }

        return runs;
    }

    /// <summary>A period's name within its year: "Q2", "H1", "M06"; a year keeps its full name.</summary>
    public static string ShortName(Period period) => period.Kind switch
    {
        PeriodKind.Quarter => Invariant($"Q{period.Index}"),
        PeriodKind.HalfYear => Invariant($"H{period.Index}"),
        PeriodKind.Month => Invariant($"M{period.Index:D2}"),
        _ => period.DisplayName,
    };

    /// <summary>The largest figure the axis can hold with room for its rounding (the largest decimal is about 7.9e28).</summary>
    private const decimal Drawable = 1e24m;

    private static double X(int index, int count) => Left + ((index + 0.5) * (Width - Left - Right) / count);

    private static string Diamond(double x, double y, double r) =>
        Invariant($"M {x} {y - r} L {x + r} {y} L {x} {y + r} L {x - r} {y} Z");

    private static XElement Text(double x, double y, string text, string anchor) =>
        new(
            Svg + "text",
            new XAttribute("x", Invariant(x)),
            new XAttribute("y", Invariant(y)),
            new XAttribute("text-anchor", anchor),
            new XAttribute("fill", TextColour),
            text);

    private static string Show(decimal value, ChartData data) => Figures.Format(value, data.Decimals);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    /// <summary>The vertical axis: a range with round tick marks around the figures, and where a figure sits on it.</summary>
    private sealed record Scale(decimal Min, decimal Max, decimal Step)
    {
        /// <summary>The places a tick label needs: 0 for a step of 5, 1 for 2.5 or 0.5.</summary>
        public int StepDecimals
        {
            get
            {
                var places = 0;
                while (places < 6 && Step != Math.Round(Step, places))
                {
                    places++;
                }

                return places;
            }
        }

        public static Scale For(decimal low, decimal high)
        {
            var span = high - low;
            if (span == 0m)
            {
                span = low == 0m ? 1m : Math.Abs(low) / 5m;
            }

            var step = NiceStep(span / 4m);
            var min = Math.Floor(low / step) * step;
            var max = Math.Ceiling(high / step) * step;
            if (min == low && low != high)
            {
                min -= step;
            }

            if (max == high)
            {
                max += step;
            }

            return new Scale(min, max, step);
        }

        public IEnumerable<decimal> Ticks()
        {
            for (var tick = Min; tick <= Max; tick += Step)
            {
                yield return tick;
            }
        }

        public double Y(decimal value)
        {
            var plot = Height - Top - Bottom;
            return Top + (plot * (double)((Max - value) / (Max - Min)));
        }

        /// <summary>A step of 1, 2, 2.5 or 5 times a power of ten, no smaller than <paramref name="rough"/>.</summary>
        private static decimal NiceStep(decimal rough)
        {
            var power = 1m;
            while (power * 10m <= rough)
            {
                power *= 10m;
            }

            while (power > rough && power > 0.000001m)
            {
                power /= 10m;
            }

            foreach (var factor in new[] { 1m, 2m, 2.5m, 5m, 10m })
            {
                if (power * factor >= rough)
                {
                    return power * factor;
                }
            }

            return power * 10m;
        }
    }
}
