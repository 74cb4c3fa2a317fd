using System.Globalization;
using CsCheck;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

/// <summary>Properties of the figure rules over generated figures, periods and dates.</summary>
public class FigureRulesProperties
{
    private const int Iterations = 500;

    /// <summary>Any run of 1 to 40 digits with a point anywhere in it (or none), and an optional minus.</summary>
    private static readonly Gen<string> Written =
        Gen.Select(Gen.Bool, Gen.Char['0', '9'].Array[1, 40], Gen.Int[0, 40], (negative, digits, point) =>
        {
            var text = new string(digits);
            var at = Math.Min(point, text.Length);
            text = at == 0 || at == text.Length ? text : text[..at] + "." + text[at..];
            return (negative ? "-" : string.Empty) + text;
        });

    [Fact]
    public void Digits_WhateverItAllows_ADecimalHoldsExactly()
    {
        Written.Sample(text =>
        {
            if (FigureRules.Digits(text) is not null)
            {
                return;
            }

            var value = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            Assert.Equal(Canonical(text), Canonical(value.ToString(CultureInfo.InvariantCulture)));
        }, iter: Iterations);
    }

    [Fact]
    public void CheckValues_ForAnyPeriod_StartedIsTheRuleOnTheDate()
    {
        var today = Gen.Int[new DateOnly(1990, 1, 1).DayNumber, new DateOnly(2030, 12, 31).DayNumber].Select(DateOnly.FromDayNumber);
        Gen.Select(Generate.PeriodIn(1990, 2030), today).Sample((period, date) =>
        {
            var problems = new List<FieldProblem>();

            FigureRules.CheckValues(new FigureIndicator("X", null, null, null), period, 1m, null, date, FigureLimits.Default, problems);

            Assert.Equal(period.StartDate() > date, problems.Exists(p => p.Field == FigureFields.Period));
        }, iter: Iterations);
    }

    [Fact]
    public void CheckFigure_WithinRangeAndMagnitude_HasNoProblem_AndOutsideHasOne()
    {
        Gen.Select(Generate.Figure, Generate.Figure, Generate.Figure).Sample((a, b, value) =>
        {
            var (min, max) = a <= b ? (a, b) : (b, a);
            var problems = new List<FieldProblem>();

            FigureRules.CheckFigure(FigureFields.Actual, new FigureIndicator("X", Frequency.Quarterly, min, max), value, FigureLimits.Default, problems);

            Assert.Equal(value < min || value > max, problems.Count == 1);
        }, iter: Iterations);
    }

    /// <summary>A number's text without its sign on zero and its leading zeros: what decimal's own text must equal.</summary>
    private static string Canonical(string text)
    {
        var negative = text.StartsWith('-');
        var body = (negative ? text[1..] : text).TrimStart('0');
        if (body.Length == 0 || body[0] == '.')
        {
            body = "0" + body;
        }

        var isZero = body.Trim('0', '.').Length == 0;
        return (negative && !isZero ? "-" : string.Empty) + body;
    }
}
