using System.Globalization;
using GoldenThread.Import;

namespace GoldenThread.Returns;

/// <summary>
/// Checks one submitted values row with the import's own validator, as if it were the only row of a values.csv:
/// whatever the import accepts or refuses, a submission does too, in the same words.
/// </summary>
internal static class ValueRowCheck
{
    /// <summary>The row as the import would store it, or the problems with it (one field each).</summary>
    public static (ValueRow? Row, IReadOnlyList<FigureProblem> Problems) Check(KnownIndicator indicator, string areaCode, string periodCode, FigureInput input)
    {
        var catalogue = new OneRowCatalogue(indicator, areaCode);
        var problems = new ProblemList();
        var validator = new BundleValidator(catalogue, problems, new ImportProgressCounter(null, 0));
        using (var source = new OneRowSource(
            [indicator.Code, areaCode, periodCode, Number(input.Actual), Number(input.ProjectedOutturn), input.Note]))
        {
            validator.Read(source);
        }

        var outcome = validator.Finish();
        if (outcome.Succeeded)
        {
            return (outcome.Bundle.Values.Single(), []);
        }

        return (null, outcome.Problems.Select(p => new FigureProblem(p.Column, p.Message)).ToList());
    }

    /// <summary>A number as the contract writes it; a decimal's own text never has an exponent or a separator.</summary>
    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private sealed class OneRowCatalogue(KnownIndicator indicator, string areaCode) : ICatalogue
    {
        public bool HasArea(string code) => string.Equals(code, areaCode, StringComparison.Ordinal);

        public bool HasOrganisation(string code) => false;

        public bool HasBody(string code) => false;

        public KnownIndicator? FindIndicator(string code) => string.Equals(code, indicator.Code, StringComparison.Ordinal) ? indicator : null;
    }

    /// <summary>A values table of a header and one row, whose problems are located at "request".</summary>
    private sealed class OneRowSource(string?[] cells) : TableSource(BundleTables.Values, "request")
    {
        private long _line;

        public override long HeaderLine => 1;

        public override long Line => _line;

        public override int FieldCount => cells.Length;

        public override string Location(long line) => "request";

        public override IReadOnlyList<string>? ReadHeader() => [.. Spec.Columns.Select(c => c.Name)];

        public override bool Read()
        {
            if (_line > 0)
            {
                return false;
            }

            _line = 2;
            return true;
        }

        public override ReadOnlySpan<char> Field(int index) => cells[index].AsSpan().Trim();

        public override string ColumnLabel(int index) => Spec.Columns[index].Name;
    }
}
