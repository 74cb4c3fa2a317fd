using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GoldenThread.Intervention;

namespace GoldenThread.Actions;

/// <summary>
/// The half-yearly report as a Word document a board secretary can circulate: a title, a heading per item (with the
/// stage), a table of each plan's actions and a table of the report requests. Built with the Open XML SDK, with real
/// heading styles (Title, Heading 1, Heading 2, outline levels) and table header rows, so a screen reader can navigate it.
/// </summary>
public static class HalfYearlyDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string FileName(HalfYearlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"half-yearly-report-{report.Half.Code}.docx";
    }

    public static void Write(HalfYearlyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = Title(report);
        document.PackageProperties.Creator = "GoldenThread";
        var main = document.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = Styles();
        var body = new Body();
        body.Append(Paragraph(Title(report), "Title"));
        body.Append(Paragraph(
            $"The executive board's report to the strategic board on every indicator and area at stage 2 or 3 of the ladder of intervention at {report.Quarter.DisplayName}, the last quarter of {report.Half.DisplayName}: {Count(report.Items.Count, "item")}.",
            null));
        if (report.Items.Count == 0)
        {
            body.Append(Paragraph("No indicator is at stage 2 or 3.", null));
        }

        foreach (var item in report.Items)
        {
            body.Append(Paragraph($"{item.IndicatorCode} in {item.AreaName} ({item.AreaCode}): stage {item.Stage.ToString(CultureInfo.InvariantCulture)}", "Heading1"));
            body.Append(Paragraph(
                $"{item.IndicatorTitle}. Stage shown {item.Stage.ToString(CultureInfo.InvariantCulture)}; computed {item.ComputedStage.ToString(CultureInfo.InvariantCulture)}{(item.Stage > item.ComputedStage ? " (raised by the executive board)" : "")}.",
                null));
            if (item.Plans.Count == 0)
            {
                body.Append(Paragraph("Action plan: none recorded.", null));
            }

            foreach (var plan in item.Plans)
            {
                var agreed = plan.Plan.AgreedAt is { } at
                    ? $"agreed on {at:d MMMM yyyy} with {plan.Plan.AgreedWith} by {plan.Plan.AgreedBy}"
                    : "a draft, not yet agreed";
                body.Append(Paragraph($"Action plan: {plan.Plan.Title}", "Heading2"));
                body.Append(Paragraph($"Recorded in {plan.Plan.Period}; {agreed}.", null));
                body.Append(Table(
                    ["Action", "Who", "Due", "Priority", "Status", "Complete"],
                    plan.Actions.Select(a => (IReadOnlyList<string>)
                    [
                        a.Action.What + (a.Milestones.Count == 0 ? "" : " Milestones: " + string.Join("; ", a.Milestones.Select(m => $"{m.Name} by {m.DueOn:d MMM yyyy}{(m.DoneOn is null ? "" : ", done")}"))),
                        a.Action.Who,
                        a.Action.DueOn?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "Not set",
                        ActionFields.PriorityName(a.Action.Priority),
                        ActionFields.StatusName(a.Action.Status),
                        $"{a.Action.PercentComplete.ToString(CultureInfo.InvariantCulture)}%",
                    ]).ToList(),
                    "This plan has no actions yet."));
            }

            body.Append(Paragraph("Report requests", "Heading2"));
            body.Append(Table(
                ["Request", "Owner", "Due", "State"],
                item.ReportRequests.Select(r => (IReadOnlyList<string>)
                [
                    r.Request,
                    r.Owner,
                    r.DueOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
                    ActionQueries.StateName(r.State) + (r.Late ? " (late)" : ""),
                ]).ToList(),
                "No report requested."));
        }

        body.Append(new SectionProperties(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 709U, Footer = 709U, Gutter = 0U }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static string Title(HalfYearlyReport report) => $"Half-yearly report on stages 2 and 3: {report.Half.DisplayName}";

    private static string Count(int n, string what) => $"{n.ToString(CultureInfo.InvariantCulture)} {what}{(n == 1 ? "" : "s")}";

    private static Paragraph Paragraph(string text, string? style)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static OpenXmlElement Table(IReadOnlyList<string> headers, List<IReadOnlyList<string>> rows, string empty)
    {
        if (rows.Count == 0)
        {
            return Paragraph(empty, null);
        }

        var border = new Func<BorderType, BorderType>(b =>
        {
            b.Val = BorderValues.Single;
            b.Size = 4U;
            b.Color = "808080";
            return b;
        });
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                border(new TopBorder()), border(new BottomBorder()), border(new LeftBorder()), border(new RightBorder()),
                border(new InsideHorizontalBorder()), border(new InsideVerticalBorder()))));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        foreach (var text in headers)
        {
            header.Append(new TableCell(new Paragraph(new Run(new RunProperties(new Bold()), new Text(text)))));
        }

        table.Append(header);
        foreach (var row in rows)
        {
            var tableRow = new TableRow();
            foreach (var text in row)
            {
                tableRow.Append(new TableCell(new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))));
            }

            table.Append(tableRow);
        }

        return table;
    }

    private static Styles Styles()
    {
        static Style Heading(string id, string name, int level, string size) => new(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level }),
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };

        var normal = new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { After = "120" }),
            new StyleRunProperties(new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" }, new FontSize { Val = "24" }))
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        };
        var title = new Style(
            new StyleName { Val = "Title" },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { After = "240" }),
            new StyleRunProperties(new Bold(), new FontSize { Val = "40" }))
        {
            Type = StyleValues.Paragraph,
            StyleId = "Title",
        };
        return new Styles(normal, title, Heading("Heading1", "heading 1", 0, "32"), Heading("Heading2", "heading 2", 1, "28"));
    }
}
