using System.Globalization;
using System.Text;
using GoldenThread.Domain;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Benchmarks.Generator;

/// <summary>
/// Writes a large synthetic import bundle (interchange.md) for benchmarks: counties with districts under them,
/// their partners and boards, indicators of mixed polarity, unit, frequency and accumulation, an annual target for
/// every year, indicator and area, and a values row for every indicator, area and quarter plus the previous year's
/// outturn. Every row is valid: codes never need quoting, numbers are invariant with the indicator's decimals,
/// percentages stay within 0-100, and annual and half-yearly indicators carry only projected outturns on quarters.
/// </summary>
internal sealed partial class BundleGenerator(GeneratorOptions options)
{
    /// <summary>The first quarter generated is 2008/09 Q1, the first year of the National Indicator Set.</summary>
    public const int FirstYear = 2008;

    /// <summary>Roughly how many areas each county stands for (itself and its districts).</summary>
    private const int AreasPerCounty = 50;

    /// <summary>The share of values cells left empty (N/A), for the actual and the projected outturn separately.</summary>
    private const double NotAvailable = 0.02;

    private static readonly string[] Themes =
    [
        "Safer and Stronger Communities",
        "Children and Young People",
        "Healthier Communities and Older People",
        "Economic Development and Enterprise",
        "Environment and Housing",
    ];

    private static readonly (OrganisationKind Kind, string Suffix, string Name)[] CountyPartners =
    [
        (OrganisationKind.Council, "CC", "County Council"),
        (OrganisationKind.Police, "POL", "Police"),
        (OrganisationKind.Health, "PCT", "Primary Care Trust"),
        (OrganisationKind.Fire, "FRS", "Fire and Rescue Service"),
        (OrganisationKind.Voluntary, "CVS", "Council for Voluntary Service"),
        (OrganisationKind.Business, "BUS", "Chamber of Commerce"),
    ];

    private readonly List<Area> _areas = [];
    private readonly List<string> _countyOrganisations = [];
    private readonly List<Indicator> _indicators = [];
    private readonly ulong _pairSalt = new SplitMix64(unchecked((ulong)options.Seed)).Next();
    private SplitMix64 _random = new(unchecked((ulong)options.Seed));

    /// <summary>Generates the bundle into the output folder; returns the rows written per file.</summary>
    public IReadOnlyList<(string File, long Rows)> Write()
    {
        Directory.CreateDirectory(options.Out);
        if (_areas.Count == 0)
        {
            PlanAreas();
            PlanIndicators();
        }

        return
        [
            ("areas.csv", WriteFile("areas.csv", "code,name,parent_code", WriteAreas)),
            ("organisations.csv", WriteFile("organisations.csv", "code,name,kind", WriteOrganisations)),
            ("bodies.csv", WriteFile("bodies.csv", "code,name,kind,escalates_to", WriteBodies)),
            ("indicators.csv", WriteFile(
                "indicators.csv",
                "code,title,unit,decimals,polarity,frequency,accumulation,body_code,lead_organisation_code,amber_tolerance,strong_green_threshold,min_value,max_value,frameworks",
                WriteIndicators)),
            ("targets.csv", WriteFile("targets.csv", "indicator_code,area_code,period,target", WriteTargets)),
            ("values.csv", WriteFile("values.csv", "indicator_code,area_code,period,actual,projected_outturn", WriteValues)),
        ];
    }

    private long WriteFile(string name, string header, Func<CsvLine, long> body)
    {
        using var stream = new FileStream(Path.Combine(options.Out, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 20);
        writer.Write(header);
        writer.Write('\n');
        return body(new CsvLine(writer));
    }

    private void PlanAreas()
    {
        var counties = Math.Clamp((options.Areas + AreasPerCounty - 1) / AreasPerCounty, 1, options.Areas);
        var districts = options.Areas - counties;
        var countyWidth = Math.Max(2, Digits(counties));
        var districtWidth = Math.Max(3, Digits((districts + counties - 1) / counties));
        for (var c = 0; c < counties; c++)
        {
            var number = (c + 1).ToString(CultureInfo.InvariantCulture).PadLeft(countyWidth, '0');
            var county = new Area(_areas.Count, "C" + number, "Synthetic County " + number, null);
            _areas.Add(county);
            foreach (var (_, suffix, _) in CountyPartners)
            {
                _countyOrganisations.Add(county.Code + "-" + suffix);
            }

            // Spread the districts evenly: the first (districts % counties) counties take one more.
            var share = (districts / counties) + (c < districts % counties ? 1 : 0);
            for (var d = 0; d < share; d++)
            {
                var district = (d + 1).ToString(CultureInfo.InvariantCulture).PadLeft(districtWidth, '0');
                _areas.Add(new Area(_areas.Count, county.Code + "D" + district, "Synthetic District " + number + "-" + district, county.Code));
            }
        }
    }

    private void PlanIndicators()
    {
        var width = Math.Max(3, Digits(options.Indicators));
        for (var i = 0; i < options.Indicators; i++)
        {
            var frequency = _random.NextDouble() switch
            {
                < 0.85 => Frequency.Quarterly,
                < 0.93 => Frequency.Annual,
                _ => Frequency.HalfYearly,
            };
            var polarity = _random.NextDouble() switch
            {
                < 0.45 => Polarity.Higher,
                < 0.90 => Polarity.Lower,
                _ => Polarity.None,
            };
            var (unit, decimals) = _random.NextDouble() switch
            {
                < 0.35 => (Unit.Percent, _random.NextInt(3)),
                < 0.55 => (Unit.Number, 0),
                < 0.70 => (Unit.Rate, 1 + _random.NextInt(2)),
                < 0.77 => (Unit.Days, 1),
                < 0.82 => (Unit.Currency, _random.Chance(0.5) ? 0 : 2),
                < 0.88 => (Unit.Score, 2),
                < 0.94 => (Unit.Ratio, 2),
                _ => (Unit.PercentChange, 1),
            };
            var cumulative = unit is Unit.Number or Unit.Currency && _random.Chance(0.6);
            var number = (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            _indicators.Add(new Indicator(
                i,
                "LPI " + number,
                "Synthetic indicator " + number,
                unit,
                decimals,
                polarity,
                frequency,
                cumulative ? Accumulation.Cumulative : Accumulation.Snapshot,
                "TP" + ((i % Themes.Length) + 1).ToString(CultureInfo.InvariantCulture),
                _countyOrganisations[_random.NextInt(_countyOrganisations.Count)],
                _random.Chance(0.1) ? 5 : null,
                _random.Chance(0.05) ? 15 : null,
                _random.NextDouble() switch
                {
                    < 0.5 => "NIS",
                    < 0.8 => "NIS;LAA",
                    _ => "LPI",
                }));
        }
    }

    private long WriteAreas(CsvLine line)
    {
        foreach (var area in _areas)
        {
            line.Cell(area.Code).Cell(area.Name);
            (area.ParentCode is null ? line.Empty() : line.Cell(area.ParentCode)).End();
        }

        return _areas.Count;
    }

    private long WriteOrganisations(CsvLine line)
    {
        long rows = 0;
        foreach (var area in _areas)
        {
            if (area.ParentCode is null)
            {
                foreach (var (kind, suffix, name) in CountyPartners)
                {
                    line.Cell(area.Code + "-" + suffix).Cell(area.Name + " " + name).Cell(Codes.Of(kind)).End();
                    rows++;
                }
            }
            else
            {
                line.Cell(area.Code + "-DC").Cell(area.Name + " Council").Cell(Codes.Of(OrganisationKind.Council)).End();
                rows++;
            }
        }

        return rows;
    }

    private static long WriteBodies(CsvLine line)
    {
        line.Cell("SB").Cell("Strategic Board").Cell(Codes.Of(BodyKind.StrategicBoard)).Empty().End();
        line.Cell("EB").Cell("Executive Board").Cell(Codes.Of(BodyKind.ExecutiveBoard)).Cell("SB").End();
        for (var t = 0; t < Themes.Length; t++)
        {
            line.Cell("TP" + (t + 1).ToString(CultureInfo.InvariantCulture)).Cell(Themes[t] + " Partnership")
                .Cell(Codes.Of(BodyKind.ThematicPartnership)).Cell("EB").End();
        }

        line.Cell("SCR").Cell("Scrutiny Panel").Cell(Codes.Of(BodyKind.Scrutiny)).Cell("SB").End();
        return Themes.Length + 3;
    }

    private long WriteIndicators(CsvLine line)
    {
        foreach (var indicator in _indicators)
        {
            line.Cell(indicator.Code).Cell(indicator.Title).Cell(Codes.Of(indicator.Unit)).Cell(indicator.Decimals)
                .Cell(Codes.Of(indicator.Polarity)).Cell(Codes.Of(indicator.Frequency)).Cell(Codes.Of(indicator.Accumulation))
                .Cell(indicator.BodyCode).Cell(indicator.LeadOrganisationCode);
            Optional(line, indicator.AmberTolerance);
            Optional(line, indicator.StrongGreenThreshold);
            if (indicator.Unit == Unit.Percent)
            {
                line.Cell(0).Cell(100);
            }
            else
            {
                line.Empty().Empty();
            }

            line.Cell(indicator.Frameworks).End();
        }

        return _indicators.Count;

        static void Optional(CsvLine line, int? value)
        {
            if (value is { } v)
            {
                line.Cell(v);
            }
            else
            {
                line.Empty();
            }
        }
    }

    /// <summary>An annual target for every financial year the quarters touch, for every indicator with a polarity and every area.</summary>
    private long WriteTargets(CsvLine line)
    {
        var years = Years();
        long rows = 0;
        foreach (var indicator in _indicators)
        {
            if (indicator.Polarity == Polarity.None)
            {
                continue;
            }

            foreach (var area in _areas)
            {
                var pair = PairOf(indicator, area);
                for (var y = 0; y < years.Length; y++)
                {
                    line.Cell(indicator.Code).Cell(area.Code).Cell(years[y]).Fixed(pair.Target(y), indicator.Decimals).End();
                    rows++;
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// For every indicator and area: the previous year's outturn, then every quarter's actual and projected outturn,
    /// a small share N/A. Annual and half-yearly indicators have no actual on a quarter, only the forecast.
    /// </summary>
    private long WriteValues(CsvLine line)
    {
        var quarters = new string[options.Quarters];
        for (var q = 0; q < quarters.Length; q++)
        {
            quarters[q] = Period.Create(FirstYear + (q / 4), PeriodKind.Quarter, (q % 4) + 1).Code;
        }

        var previousYear = Period.OfYear(FirstYear - 1).Code;
        long rows = 0;
        foreach (var indicator in _indicators)
        {
            var quarterActuals = indicator.Frequency == Frequency.Quarterly;
            foreach (var area in _areas)
            {
                var pair = PairOf(indicator, area);
                line.Cell(indicator.Code).Cell(area.Code).Cell(previousYear).Fixed(pair.PreviousOutturn(), indicator.Decimals).Empty().End();
                rows++;
                for (var q = 0; q < quarters.Length; q++)
                {
                    var (actual, projected) = pair.Quarter(q);
                    line.Cell(indicator.Code).Cell(area.Code).Cell(quarters[q]);
                    if (quarterActuals && !pair.Chance(NotAvailable))
                    {
                        line.Fixed(actual, indicator.Decimals);
                    }
                    else
                    {
                        line.Empty();
                    }

                    if (pair.Chance(NotAvailable))
                    {
                        line.Empty();
                    }
                    else
                    {
                        line.Fixed(projected, indicator.Decimals);
                    }

                    line.End();
                }

                rows += quarters.Length;
            }
        }

        return rows;
    }

    /// <summary>The financial years the quarters run through, as codes.</summary>
    private string[] Years()
    {
        var years = new string[((options.Quarters - 1) / 4) + 1];
        for (var y = 0; y < years.Length; y++)
        {
            years[y] = Period.OfYear(FirstYear + y).Code;
        }

        return years;
    }

    /// <summary>
    /// The figures of one indicator in one area follow from a seed of their own, so that targets and values agree
    /// without holding a million pairs in memory: the targets file and the values file each rebuild the pair.
    /// </summary>
    private Pair PairOf(Indicator indicator, Area area)
    {
        var seed = _pairSalt ^ unchecked(((ulong)indicator.Index * 0xD1B54A32D192ED03UL) + ((ulong)area.Index * 0x8CB92BA72F3D8DD7UL));
        return new Pair(indicator, seed);
    }

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private sealed record Area(int Index, string Code, string Name, string? ParentCode);

    private sealed record Indicator(
        int Index,
        string Code,
        string Title,
        Unit Unit,
        int Decimals,
        Polarity Polarity,
        Frequency Frequency,
        Accumulation Accumulation,
        string BodyCode,
        string LeadOrganisationCode,
        int? AmberTolerance,
        int? StrongGreenThreshold,
        string Frameworks);
}
