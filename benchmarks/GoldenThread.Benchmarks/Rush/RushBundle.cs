using System.Globalization;
using System.Text;
using GoldenThread.Benchmarks.Generator;
using GoldenThread.Domain;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// Writes the rush's partnership as an import bundle (interchange.md): the areas and their councils, one thematic
/// partnership, the quarterly indicators, a target for every year the history and the rush quarter touch, and the
/// history's values. Nothing for the rush quarter itself: the partners send that.
/// </summary>
internal static class RushBundle
{
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        Write(folder, "areas.csv", "code,name,parent_code", line =>
        {
            for (var a = 0; a < RushFigures.Partners; a++)
            {
                line.Cell(RushFigures.AreaCode(a)).Cell("Rush District " + (a + 1).ToString(CultureInfo.InvariantCulture)).Empty().End();
            }
        });
        Write(folder, "organisations.csv", "code,name,kind", line =>
        {
            for (var a = 0; a < RushFigures.Partners; a++)
            {
                line.Cell(RushFigures.OrganisationCode(a)).Cell("Rush District " + (a + 1).ToString(CultureInfo.InvariantCulture) + " Council")
                    .Cell(Codes.Of(OrganisationKind.Council)).End();
            }
        });
        Write(folder, "bodies.csv", "code,name,kind,escalates_to", line =>
            line.Cell("RTP").Cell("Rush Thematic Partnership").Cell(Codes.Of(BodyKind.ThematicPartnership)).Empty().End());
        Write(
            folder,
            "indicators.csv",
            "code,title,unit,decimals,polarity,frequency,accumulation,body_code,lead_organisation_code,amber_tolerance,strong_green_threshold,min_value,max_value,frameworks",
            line =>
            {
                for (var i = 0; i < RushFigures.Indicators; i++)
                {
                    var unit = RushFigures.UnitOf(i);
                    line.Cell(RushFigures.IndicatorCode(i)).Cell("Rush indicator " + (i + 1).ToString(CultureInfo.InvariantCulture))
                        .Cell(Codes.Of(unit)).Cell(RushFigures.DecimalsOf(i)).Cell(Codes.Of(RushFigures.PolarityOf(i)))
                        .Cell(Codes.Of(Frequency.Quarterly)).Cell(Codes.Of(Accumulation.Snapshot)).Cell("RTP")
                        .Cell(RushFigures.OrganisationCode(i)).Empty().Empty();
                    if (unit == Unit.Percent)
                    {
                        line.Cell(0).Cell(100);
                    }
                    else
                    {
                        line.Empty().Empty();
                    }

                    line.Cell("LPI").End();
                }
            });

        var history = RushFigures.History();
        var years = history.Append(RushFigures.Quarter).Select(q => q.FinancialYear).Distinct().ToList();
        Write(folder, "targets.csv", "indicator_code,area_code,period,target", line =>
        {
            for (var i = 0; i < RushFigures.Indicators; i++)
            {
                for (var a = 0; a < RushFigures.Partners; a++)
                {
                    var target = RushFigures.PairOf(i, a).Target;
                    foreach (var year in years)
                    {
                        line.Cell(RushFigures.IndicatorCode(i)).Cell(RushFigures.AreaCode(a)).Cell(year.Code);
                        Figure(line, target, RushFigures.DecimalsOf(i));
                        line.End();
                    }
                }
            }
        });
        Write(folder, "values.csv", "indicator_code,area_code,period,actual,projected_outturn", line =>
        {
            for (var i = 0; i < RushFigures.Indicators; i++)
            {
                for (var a = 0; a < RushFigures.Partners; a++)
                {
                    var pair = RushFigures.PairOf(i, a);
                    foreach (var quarter in history)
                    {
                        var (actual, projected) = pair.HistoryQuarter();
                        line.Cell(RushFigures.IndicatorCode(i)).Cell(RushFigures.AreaCode(a)).Cell(quarter.Code);
                        Figure(line, actual, RushFigures.DecimalsOf(i));
                        Figure(line, projected, RushFigures.DecimalsOf(i));
                        line.End();
                    }
                }
            }
        });
    }

    private static void Figure(CsvLine line, decimal value, int decimals) =>
        line.Fixed((long)(value * CsvLine.Scale(decimals)), decimals);

    private static void Write(string folder, string name, string header, Action<CsvLine> body)
    {
        using var writer = new StreamWriter(Path.Combine(folder, name), false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(header);
        writer.Write('\n');
        body(new CsvLine(writer));
    }
}
