using GoldenThread.Domain.Indicators;
using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>
/// Bad rows of targets.csv and values.csv, checked against the stored indicators of <see cref="Bundles.Stored"/>:
/// NI 195 quarterly 0..100, NI 154 annual, NI 8 monthly (min 0), NI 59 half-yearly (max 100).
/// </summary>
public sealed class BundleReaderFigureProblemsTests
{
    [Theory]
    [InlineData("12,5", "'12,5' is not a number; use a point for decimals and no thousands separator")]
    [InlineData("1,234.5", "'1,234.5' is not a number; use a point for decimals and no thousands separator")]
    [InlineData("12.5%", "'12.5%' is not a number; leave out the % sign (the indicator's unit says what the figure measures)")]
    [InlineData("1e5", "'1e5' is not a number; write it out in full, without an exponent")]
    [InlineData("+5", "'+5' is not a number; leave out the + sign")]
    [InlineData("n/a", "'n/a' is not a number; expected digits with an optional leading - and a point for decimals, such as -12.5")]
    [InlineData("1.2.3", "'1.2.3' is not a number; expected digits with an optional leading - and a point for decimals, such as -12.5")]
    public void Read_MalformedActual_SaysWhatIsWrongAndWhatIsExpected(string actual, string expected)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,80,,", $"NI 195,STAFFS,2008-09-Q2,\"{actual}\",,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:3", "actual");

        Assert.Equal(expected, message);
    }

    [Fact]
    public void Read_ValuesForAPeriodThatHasNotStarted_AreRefused_ButTargetsForItAreFine()
    {
        using var folder = new TempFolder()
            .Csv("targets.csv", Bundles.TargetsHeader, "NI 195,STAFFS,2010-11-Q1,50")
            .Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2009-10-Q3,80,,", "NI 195,STAFFS,2009-10-Q4,,,Expected in January");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored(), today: new DateOnly(2009, 11, 16)), "values.csv:3", "period");

        Assert.Equal("2009-10-Q4 has not started yet (it starts on 1 January 2010); figures are for periods that have started by today, 16 November 2009", message);
    }

    [Fact]
    public void Read_ValuesForAPeriodToCome_AreRefusedByDefault()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2999-00-Q4,80,,");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "period");
    }

    [Theory]
    [InlineData("values.csv", "NI 154,STAFFS,2008-09,2000000000000,,", "actual")]
    [InlineData("values.csv", "NI 154,STAFFS,2008-09,,-2000000000000,", "projected_outturn")]
    [InlineData("targets.csv", "NI 154,STAFFS,2008-09,2000000000000", "target")]
    public void Read_FigureBeyondTheMaximumMagnitude_IsAProblem(string file, string row, string column)
    {
        var header = file == "values.csv" ? Bundles.ValuesHeader : Bundles.TargetsHeader;
        using var folder = new TempFolder().Csv(file, header, row);

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), $"{file}:2", column);
        var configured = BundleReader.Read(folder.Path, Bundles.Stored(), limits: new FigureLimits(1e13m));

        Assert.Contains("is too large: a figure may be at most 1000000000000 either side of zero", message, StringComparison.Ordinal);
        OutcomeAssert.Succeeded(configured);
    }

    [Fact]
    public void Read_ActualWithMoreDigitsThanADecimalHolds_IsRefusedNotRounded()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,12.345678901234567890123456789,,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "actual");

        Assert.Equal("'12.345678901234567890123456789' has more than 28 significant digits, which cannot be stored exactly; round it to at most 28", message);
    }

    [Fact]
    public void Read_MalformedProjectedOutturn_ReportsItsColumn()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,80,eighty,");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "projected_outturn");
    }

    [Theory]
    [InlineData("actual", "101,,", "101 is outside NI 195's range of 0 to 100")]
    [InlineData("actual", "-0.5,,", "-0.5 is outside NI 195's range of 0 to 100")]
    [InlineData("projected_outturn", "50,100.01,", "100.01 is outside NI 195's range of 0 to 100")]
    public void Read_FigureOutsideTheIndicatorsRange_IsAProblem(string column, string figures, string expected)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, $"NI 195,STAFFS,2008-09-Q1,{figures}");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", column);

        Assert.Equal(expected, message);
    }

    [Fact]
    public void Read_FigureBelowAMinimumOnly_SaysBelowMinValue()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 8,STAFFS,2008-09-M01,-1,,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "actual");

        Assert.Equal("-1 is below NI 8's min_value of 0", message);
    }

    [Fact]
    public void Read_FigureAboveAMaximumOnly_SaysAboveMaxValue()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 59,STAFFS,2008-09-H1,,150,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "projected_outturn");

        Assert.Equal("150 is above NI 59's max_value of 100", message);
    }

    [Fact]
    public void Read_RangeOfAnIndicatorInTheBundle_AppliesToItsValues()
    {
        using var folder = new TempFolder()
            .Csv("indicators.csv", Bundles.IndicatorsHeader, "NI 1,Title,percent,1,higher,quarterly,snapshot,,,,,0,10,")
            .Csv("values.csv", Bundles.ValuesHeader, "NI 1,STAFFS,2008-09-Q1,10.5,,");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "actual");
    }

    [Theory]
    [InlineData("NI 154", "2008-09-Q2")]
    [InlineData("NI 195", "2008-09-M02")]
    [InlineData("NI 195", "2008-09-H1")]
    [InlineData("NI 8", "2008-09-Q1")]
    public void Read_ActualNotForAYearOrReportingPeriod_IsAProblem(string indicator, string period)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, $"{indicator},STAFFS,{period},5,,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "actual");

        Assert.StartsWith($"an actual for {period} does not fit: {indicator} is collected", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NI 154", "2008-09")]
    [InlineData("NI 195", "2008-09-Q3")]
    [InlineData("NI 195", "2008-09")]
    [InlineData("NI 8", "2008-09-M12")]
    [InlineData("NI 59", "2008-09-H2")]
    public void Read_ActualForAYearOrReportingPeriod_IsFine(string indicator, string period)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, $"{indicator},STAFFS,{period},5,,");

        OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored()));
    }

    [Theory]
    [InlineData("NI 154", "2008-09-Q2")]
    [InlineData("NI 8", "2008-09-Q4")]
    [InlineData("NI 8", "2008-09-M04")]
    [InlineData("NI 59", "2008-09-Q1")]
    [InlineData("NI 59", "2008-09-H1")]
    public void Read_ProjectedOutturnForAYearReportingPeriodOrAnyQuarter_IsFine(string indicator, string period)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, $"{indicator},STAFFS,{period},,50,");

        OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored()));
    }

    [Theory]
    [InlineData("NI 154", "2008-09-M05")]
    [InlineData("NI 154", "2008-09-H1")]
    [InlineData("NI 195", "2008-09-M01")]
    public void Read_ProjectedOutturnForAnyOtherPeriod_IsAProblem(string indicator, string period)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, $"{indicator},STAFFS,{period},,50,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "projected_outturn");

        Assert.StartsWith($"a projected outturn for {period} does not fit", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyRowForAPeriodThatFitsNothing_ReportsThePeriod()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-M01,,,late");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "period");

        Assert.Equal("2008-09-M01 does not fit: NI 195 is collected quarterly, so a values row is for a year or a quarter", message);
    }

    [Theory]
    [InlineData("2008-09-Q5")]
    [InlineData("2008-10")]
    [InlineData("2008/09")]
    [InlineData("Q1 2008")]
    [InlineData("2008-09-M13")]
    public void Read_PeriodCodeThatDoesNotExist_IsAProblem(string period)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, $"NI 195,STAFFS,{period},5,,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "period");

        Assert.StartsWith($"'{period}' is not a period code; expected a year such as 2008-09", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PeriodCodeInLowerCase_IsRead()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-q1,5,,");

        var value = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored())).Values);

        Assert.Equal("2008-09-Q1", value.Period.Code);
    }

    [Theory]
    [InlineData("indicator_code", "NI 999,STAFFS,2008-09-Q1,5,,", "'NI 999' is not an indicator in this bundle or in the database")]
    [InlineData("area_code", "NI 195,STAFS,2008-09-Q1,5,,", "'STAFS' is not an area in this bundle or in the database")]
    public void Read_UnknownCodeInValues_IsAProblem(string column, string row, string expected)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, row);

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", column);

        Assert.Equal(expected, message);
    }

    [Theory]
    [InlineData("indicator_code", ",STAFFS,2008-09-Q1,5,,")]
    [InlineData("area_code", "NI 195,,2008-09-Q1,5,,")]
    [InlineData("period", "NI 195,STAFFS,,5,,")]
    public void Read_EmptyKeyInValues_IsAProblem(string column, string row)
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, row);

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", column);
    }

    [Fact]
    public void Read_SameIndicatorAreaAndPeriodTwice_ReportsTheSecondNamingTheFirst()
    {
        using var folder = new TempFolder().Csv(
            "values.csv",
            Bundles.ValuesHeader,
            "NI 195,STAFFS,2008-09-Q1,5,,",
            "NI 195,STAFFS,2008-09-Q2,5,,",
            "NI 195,MOORLANDS,2008-09-Q1,5,,",
            "NI 195,STAFFS,2008-09-Q1,6,,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:5", "period");

        Assert.Equal("a second row for NI 195, STAFFS, 2008-09-Q1; the first is on line 2", message);
    }

    [Fact]
    public void Read_NoteNotInUtf8_SaysHowToSaveTheFile()
    {
        var latin1 = System.Text.Encoding.Latin1.GetBytes("indicator_code,area_code,period,actual,projected_outturn,note\nNI 195,STAFFS,2008-09-Q1,5,,Cost £5\n");
        using var folder = new TempFolder().Bytes("values.csv", latin1);

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "note");

        Assert.Contains("CSV UTF-8", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyTarget_IsAProblem()
    {
        using var folder = new TempFolder().Csv("targets.csv", Bundles.TargetsHeader, "NI 195,STAFFS,2008-09,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "targets.csv:2", "target");

        Assert.Equal("empty; every row needs a target", message);
    }

    [Fact]
    public void Read_MalformedTarget_IsAProblem()
    {
        using var folder = new TempFolder().Csv("targets.csv", Bundles.TargetsHeader, "NI 195,STAFFS,2008-09,95%");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "targets.csv:2", "target");
    }

    [Fact]
    public void Read_TargetOutsideTheRange_IsAProblem()
    {
        using var folder = new TempFolder().Csv("targets.csv", Bundles.TargetsHeader, "NI 195,STAFFS,2008-09,120");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "targets.csv:2", "target");

        Assert.Equal("120 is outside NI 195's range of 0 to 100", message);
    }

    [Theory]
    [InlineData("NI 154", "2008-09-Q2")]
    [InlineData("NI 154", "2008-09-H1")]
    [InlineData("NI 195", "2008-09-M03")]
    [InlineData("NI 59", "2008-09-Q2")]
    public void Read_TargetForAPeriodShorterThanTheFrequency_IsAProblem(string indicator, string period)
    {
        using var folder = new TempFolder().Csv("targets.csv", Bundles.TargetsHeader, $"{indicator},STAFFS,{period},50");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "targets.csv:2", "period");

        Assert.Contains("a target is for a year or for a period at least as long as the indicator's frequency", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NI 154", "2008-09")]
    [InlineData("NI 195", "2008-09-Q2")]
    [InlineData("NI 195", "2008-09-H2")]
    [InlineData("NI 8", "2008-09-Q3")]
    [InlineData("NI 8", "2008-09-M07")]
    [InlineData("NI 59", "2008-09-H1")]
    public void Read_TargetForAYearOrAPeriodAtLeastAsLongAsTheFrequency_IsFine(string indicator, string period)
    {
        using var folder = new TempFolder().Csv("targets.csv", Bundles.TargetsHeader, $"{indicator},STAFFS,{period},50");

        OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored()));
    }

    [Fact]
    public void Read_TargetKeyTwice_ReportsTheSecond()
    {
        using var folder = new TempFolder().Csv("targets.csv", Bundles.TargetsHeader, "NI 195,STAFFS,2008-09,95", "NI 195,STAFFS,2008-09,90");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "targets.csv:3", "period");

        Assert.EndsWith("the first is on line 2", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indicator_code", "NI 1,STAFFS,2008-09,95")]
    [InlineData("area_code", "NI 195,LEEK,2008-09,95")]
    [InlineData("period", "NI 195,STAFFS,2008,95")]
    public void Read_BadKeyInTargets_IsAProblem(string column, string row)
    {
        using var folder = new TempFolder().Csv("targets.csv", Bundles.TargetsHeader, row);

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "targets.csv:2", column);
    }

    [Fact]
    public void Read_SeveralBadRows_ReportsEveryOneInFileAndLineOrder()
    {
        using var folder = new TempFolder()
            .Csv("areas.csv", Bundles.AreasHeader, "LEEK,Leek,NOWHERE")
            .Csv("targets.csv", Bundles.TargetsHeader, "NI 195,LEEK,2008-09,95", "NI 195,LEEK,2008-09-Q1,")
            .Csv(
                "values.csv",
                Bundles.ValuesHeader,
                "NI 195,STAFFS,2008-09-Q1,12,5,",
                "NI 195,STAFFS,2008-09-Q2,12.5,,",
                "NI 999,STAFFS,2008-09-Q3,1,,",
                "NI 195,STAFFS,2008-09-Q5,1,,",
                "NI 195,STAFFS,2008-09-Q4,abc,xyz,");

        var outcome = BundleReader.Read(folder.Path, Bundles.Stored());

        Assert.Null(outcome.Bundle);
        Assert.Equal(
            [
                "areas.csv:2: parent_code",
                "targets.csv:3: target",
                "values.csv:4: indicator_code",
                "values.csv:5: period",
                "values.csv:6: actual",
                "values.csv:6: projected_outturn",
            ],
            outcome.Problems.Select(p => $"{p.Location}: {p.Column}"));
    }

    [Fact]
    public void Read_Problem_PrintsAsFileLineColumnMessage()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,\"12,5\",,");

        var problem = Assert.Single(BundleReader.Read(folder.Path, Bundles.Stored()).Problems);

        Assert.Equal("values.csv:2: actual: '12,5' is not a number; use a point for decimals and no thousands separator", problem.ToString());
    }
}
