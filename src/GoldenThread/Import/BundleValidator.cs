using System.Runtime.InteropServices;
using GoldenThread.Domain;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Partnership;

namespace GoldenThread.Import;

/// <summary>
/// Checks the tables of one bundle, in bundle order, against interchange.md and against what the database
/// already holds, and builds the <see cref="Bundle"/> while no problem has been found. Once one has, rows are
/// still checked (every problem is reported at once) but no longer kept.
/// </summary>
internal sealed class BundleValidator
{
    private readonly ProblemList _problems;
    private readonly ImportProgressCounter _progress;
    private readonly Bundle _bundle = new();
    private readonly CodeIndex<bool> _areas;
    private readonly CodeIndex<bool> _organisations;
    private readonly CodeIndex<bool> _bodies;
    private readonly CodeIndex<IndicatorInfo> _indicators;
    private readonly PeriodCodes _periods = new();
    private readonly DateOnly _today;
    private readonly FigureLimits _limits;
    private readonly ICatalogue _catalogue;

    /// <summary>The figure rules' findings for the current row, reused so that a million rows allocate no lists.</summary>
    private readonly List<FieldProblem> _found = [];
    private bool _rowMalformed;

    /// <param name="today">The date figures' periods must have started by (targets may be for periods to come).</param>
    /// <param name="limits">The bounds every figure keeps whatever its indicator.</param>
    public BundleValidator(ICatalogue catalogue, ProblemList problems, ImportProgressCounter progress, DateOnly today, FigureLimits limits)
    {
        _problems = problems;
        _progress = progress;
        _today = today;
        _limits = limits;
        _catalogue = catalogue;
        _areas = new CodeIndex<bool>(code => (catalogue.HasArea(code), false));
        _organisations = new CodeIndex<bool>(code => (catalogue.HasOrganisation(code), false));
        _bodies = new CodeIndex<bool>(code => (catalogue.HasBody(code), false));
        _indicators = new CodeIndex<IndicatorInfo>(code => catalogue.FindIndicator(code) is { } known
            ? (true, new IndicatorInfo(known.Frequency, known.MinValue, known.MaxValue))
            : (false, default));
    }

    /// <summary>Rows are kept only while nothing is wrong: a failed import's rows are thrown away, so a million need not be held.</summary>
    private bool Keeping => _problems.Count == 0;

    /// <summary>Checks one table. Tables must come in bundle order (<see cref="TableSpec.Order"/>): rows refer backwards.</summary>
    public void Read(TableSource source)
    {
        var rows = TableRows.Open(source, _problems, _progress);
        if (rows is null)
        {
            return;
        }

        var spec = source.Spec;
        if (spec == BundleTables.Areas)
        {
            ReadAreas(rows);
        }
        else if (spec == BundleTables.Organisations)
        {
            ReadOrganisations(rows);
        }
        else if (spec == BundleTables.Bodies)
        {
            ReadBodies(rows);
        }
        else if (spec == BundleTables.Indicators)
        {
            ReadIndicators(rows);
        }
        else if (spec == BundleTables.Targets)
        {
            ReadTargets(rows);
        }
        else
        {
            ReadValues(rows);
        }
    }

    public ImportOutcome Finish() =>
        _problems.Count == 0 ? ImportOutcome.Success(_bundle) : _problems.ToFailure();

    private void ReadAreas(TableRows rows)
    {
        var parents = new List<Link>();
        while (ReadRow(rows))
        {
            var declared = TryDeclare(rows, _areas, AreaColumns.Code, Area.CodeLength, false, out var id);
            var name = Named(rows, AreaColumns.Name, rows.RequiredText(AreaColumns.Name, Area.NameLength));
            var parent = rows[AreaColumns.ParentCode];
            var parentCode = parent.IsEmpty ? null : parent.ToString();
            if (!declared)
            {
                continue;
            }

            if (parentCode is not null)
            {
                parents.Add(new Link(id, rows.Line, parentCode));
            }

            if (Keeping && name is not null)
            {
                _bundle.Areas.Add(new AreaRow(_areas.Code(id), name, parentCode));
            }
        }

        CheckChain(rows, _areas, parents, AreaColumns.ParentCode, "an area", "an area cannot be its own parent", "an area's parents must lead up to one with no parent");
    }

    private void ReadOrganisations(TableRows rows)
    {
        while (ReadRow(rows))
        {
            var declared = TryDeclare(rows, _organisations, OrganisationColumns.Code, Organisation.CodeLength, false, out var id);
            var name = Named(rows, OrganisationColumns.Name, rows.RequiredText(OrganisationColumns.Name, Organisation.NameLength));
            var kindRead = TryEnum(rows, OrganisationColumns.Kind, "an organisation kind", out OrganisationKind kind);
            if (declared && Keeping && name is not null && kindRead)
            {
                _bundle.Organisations.Add(new OrganisationRow(_organisations.Code(id), name, kind));
            }
        }
    }

    private void ReadBodies(TableRows rows)
    {
        var escalations = new List<Link>();
        while (ReadRow(rows))
        {
            var declared = TryDeclare(rows, _bodies, BodyColumns.Code, Body.CodeLength, false, out var id);
            var name = Named(rows, BodyColumns.Name, rows.RequiredText(BodyColumns.Name, Body.NameLength));
            var kindRead = TryEnum(rows, BodyColumns.Kind, "a body kind", out BodyKind kind);
            var escalatesTo = rows[BodyColumns.EscalatesTo];
            var escalatesToCode = escalatesTo.IsEmpty ? null : escalatesTo.ToString();
            if (!declared)
            {
                continue;
            }

            if (escalatesToCode is not null)
            {
                escalations.Add(new Link(id, rows.Line, escalatesToCode));
            }

            if (Keeping && name is not null && kindRead)
            {
                _bundle.Bodies.Add(new BodyRow(_bodies.Code(id), name, kind, escalatesToCode));
            }
        }

        CheckChain(rows, _bodies, escalations, BodyColumns.EscalatesTo, "a body", "a body cannot escalate to itself", "escalation must end at a body that escalates to none");
    }

    private void ReadIndicators(TableRows rows)
    {
        while (ReadRow(rows))
        {
            var declared = TryDeclare(rows, _indicators, IndicatorColumns.Code, Indicator.CodeLength, default, out var id);
            var title = Named(rows, IndicatorColumns.Title, rows.RequiredText(IndicatorColumns.Title, Indicator.TitleLength));
            var read = TryEnum(rows, IndicatorColumns.Unit, "a unit", out Unit unit);
            read &= TryDecimals(rows, out var decimals);
            read &= TryEnum(rows, IndicatorColumns.Polarity, "a polarity", out Polarity polarity);
            var frequencyRead = TryEnum(rows, IndicatorColumns.Frequency, "a frequency", out Frequency frequency);
            read &= TryEnum(rows, IndicatorColumns.Accumulation, "an accumulation", out Accumulation accumulation);
            read &= TryReference(rows, _bodies, IndicatorColumns.BodyCode, "a body", out var bodyCode);
            read &= TryReference(rows, _organisations, IndicatorColumns.LeadOrganisationCode, "an organisation", out var leadCode);
            read &= TryPercentage(rows, IndicatorColumns.AmberTolerance, "tolerance", out var amberTolerance);
            read &= TryPercentage(rows, IndicatorColumns.StrongGreenThreshold, "threshold", out var strongGreenThreshold);
            var rangeRead = rows.TryNumber(IndicatorColumns.MinValue, out var minValue) & rows.TryNumber(IndicatorColumns.MaxValue, out var maxValue);
            if (minValue > maxValue)
            {
                rows.Report(IndicatorColumns.MinValue, $"{Cells.Show(minValue.Value)} is greater than max_value {Cells.Show(maxValue!.Value)}; the range runs from min_value up to max_value");
                rangeRead = false;
            }

            var frameworks = Frameworks(rows);
            read &= TryCycle(rows, out var cycle);
            if (!declared)
            {
                continue;
            }

            // Values and targets are checked against what could be read, and not against a broken range.
            _indicators.SetInfo(id, new IndicatorInfo(frequencyRead ? frequency : null, rangeRead ? minValue : null, rangeRead ? maxValue : null));
            if (Keeping && title is not null && read && frequencyRead && rangeRead)
            {
                _bundle.Indicators.Add(new IndicatorRow(
                    _indicators.Code(id),
                    title,
                    unit,
                    decimals,
                    polarity,
                    frequency,
                    accumulation,
                    bodyCode,
                    leadCode,
                    amberTolerance,
                    strongGreenThreshold,
                    minValue,
                    maxValue,
                    frameworks)
                {
                    Cycle = cycle,
                });
            }
        }
    }

    /// <summary>The quarterly cycle's optional columns: only those the file has, each checked as interchange.md says.</summary>
    private bool TryCycle(TableRows rows, out IndicatorCycleRow cycle)
    {
        var read = true;
        Given<string?>? definition = rows.Has(IndicatorColumns.Definition) ? new(rows.Text(IndicatorColumns.Definition, Indicator.DefinitionLength)) : null;
        Given<string?>? dataSource = rows.Has(IndicatorColumns.DataSource) ? new(rows.Text(IndicatorColumns.DataSource, Indicator.DataSourceLength)) : null;
        read &= TryOptionalEnum(rows, IndicatorColumns.Type, "a type", out Given<IndicatorType?>? type);
        read &= TryOptionalEnum(rows, IndicatorColumns.DataQuality, "a data quality rating", out Given<DataQualityRating?>? quality);
        read &= TryOptionalEnum(rows, IndicatorColumns.RiskLevel, "a risk level", out Given<RiskLevel?>? risk);
        Given<bool>? audited = null;
        if (rows.Has(IndicatorColumns.Audited))
        {
            var text = rows[IndicatorColumns.Audited];
            if (text.IsEmpty || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                audited = new(false);
            }
            else if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                audited = new(true);
            }
            else
            {
                rows.Report(IndicatorColumns.Audited, $"{Cells.Show(text)} is not allowed; expected true or false");
                read = false;
            }
        }

        var owner = Person(rows, IndicatorColumns.OwnerEmail, "owner", ref read);
        var deputy = Person(rows, IndicatorColumns.DeputyEmail, "deputy", ref read);
        if (owner is not null && string.Equals(owner, deputy, StringComparison.OrdinalIgnoreCase))
        {
            rows.Report(IndicatorColumns.DeputyEmail, $"{Cells.Show(deputy)} is also the owner; the deputy is someone else");
            read = false;
        }

        cycle = new IndicatorCycleRow(definition, dataSource, type, quality, risk, audited, owner, deputy);
        return read;
    }

    /// <summary>An owner's or deputy's email: a person stored and active; null for an empty cell or a column the file lacks.</summary>
    private string? Person(TableRows rows, int column, string what, ref bool read)
    {
        var text = rows[column];
        if (text.IsEmpty)
        {
            return null;
        }

        var email = text.ToString();
        switch (_catalogue.FindPerson(email))
        {
            case KnownPerson.Active:
                return email;
            case KnownPerson.Deactivated:
                rows.Report(column, $"{Cells.Show(text)} is a deactivated person; the {what} must be someone who can sign in");
                break;
            default:
                rows.Report(column, $"{Cells.Show(text)} is not a person in the database; add them on the site first (Administration, People)");
                break;
        }

        read = false;
        return null;
    }

    private static bool TryOptionalEnum<T>(TableRows rows, int column, string noun, out Given<T?>? value)
        where T : struct, Enum
    {
        value = null;
        if (!rows.Has(column))
        {
            return true;
        }

        if (rows[column].IsEmpty)
        {
            value = new((T?)null);
            return true;
        }

        if (!TryEnum(rows, column, noun, out T parsed))
        {
            return false;
        }

        value = new(parsed);
        return true;
    }

    private void ReadTargets(TableRows rows)
    {
        var firstLines = new Dictionary<long, long>();
        while (rows.Read())
        {
            var indicator = Resolve(rows, _indicators, TargetColumns.IndicatorCode, "an indicator");
            var area = Resolve(rows, _areas, TargetColumns.AreaCode, "an area");
            var periodRead = TryPeriod(rows, TargetColumns.Period, out var period);
            decimal target = 0;
            var targetText = rows[TargetColumns.Target];
            var targetRead = !targetText.IsEmpty && Cells.TryParseNumber(targetText, out target);
            if (targetText.IsEmpty)
            {
                rows.ReportEmpty(TargetColumns.Target);
            }
            else if (!targetRead)
            {
                rows.Report(TargetColumns.Target, Cells.NotANumber(targetText));
            }

            if (indicator >= 0)
            {
                var figures = Figures(indicator);
                if (periodRead && figures.Frequency is { } frequency)
                {
                    FigureRules.CheckTargetPeriod(figures.Code, frequency, period, _found);
                }

                if (targetRead)
                {
                    FigureRules.CheckFigure(FigureFields.Target, figures, target, _limits, _found);
                }

                ReportFound(rows);
            }

            if (indicator >= 0 && area >= 0 && periodRead)
            {
                CheckDuplicate(rows, firstLines, indicator, area, period, TargetColumns.Period);
            }

            if (Keeping && indicator >= 0 && area >= 0 && periodRead && targetRead)
            {
                _bundle.Targets.Add(new TargetRow(_indicators.Code(indicator), _areas.Code(area), period, target));
            }
        }
    }

    private void ReadValues(TableRows rows)
    {
        var firstLines = new Dictionary<long, long>();
        var sized = false;
        while (rows.Read())
        {
            var indicator = Resolve(rows, _indicators, ValueColumns.IndicatorCode, "an indicator");
            var area = Resolve(rows, _areas, ValueColumns.AreaCode, "an area");
            var periodRead = TryPeriod(rows, ValueColumns.Period, out var period);
            rows.TryNumber(ValueColumns.Actual, out var actual);
            rows.TryNumber(ValueColumns.ProjectedOutturn, out var outturn);
            var note = rows.Text(ValueColumns.Note, IndicatorValue.NoteLength);
            if (periodRead && indicator >= 0)
            {
                FigureRules.CheckValues(Figures(indicator), period, actual, outturn, _today, _limits, _found);
            }
            else if (periodRead)
            {
                FigureRules.CheckStarted(period, _today, _found);
            }
            else if (indicator >= 0)
            {
                CheckFigures(Figures(indicator), actual, outturn);
            }

            ReportFound(rows);

            if (indicator >= 0 && area >= 0 && periodRead)
            {
                CheckDuplicate(rows, firstLines, indicator, area, period, ValueColumns.Period);
            }

            if (Keeping && indicator >= 0 && area >= 0 && periodRead)
            {
                if (!sized && rows.EstimatedRowCount() is > 0 and var estimate)
                {
                    // Growing a million-entry table step by step rehashes it twenty times over.
                    sized = true;
                    firstLines.EnsureCapacity(estimate);
                    _bundle.Values.EnsureCapacity(estimate);
                }

                _bundle.Values.Add(new ValueRow(_indicators.Code(indicator), _areas.Code(area), period, actual, outturn, note));
            }
        }
    }

    /// <summary>Declares the code of a row, reporting it when empty, too long or already declared by an earlier row.</summary>
    private bool TryDeclare<T>(TableRows rows, CodeIndex<T> index, int column, int maxLength, T info, out int id)
    {
        var code = rows[column];
        if (code.IsEmpty)
        {
            rows.ReportEmpty(column);
            id = -1;
            return false;
        }

        // A code too long to store is reported but still declared, so that rows referring to it are not reported too.
        rows.CheckLength(column, code, maxLength);
        if (!_rowMalformed && Names.CodeProblem(code) is { } problem)
        {
            rows.Report(column, problem);
        }

        if (index.TryDeclare(code, rows.Line, info, out id))
        {
            return true;
        }

        rows.Report(column, $"{Cells.Show(code)} appears again; the first is on {rows.LineWord} {index.Line(id)}");
        id = -1;
        return false;
    }

    /// <summary>
    /// Reads the next row, noting whether the reader found it malformed (an unclosed quote, stray cells): such a row's
    /// cells are not what was written, so the characters in its codes and names are not reported as well.
    /// </summary>
    private bool ReadRow(TableRows rows)
    {
        var before = _problems.Count;
        var read = rows.Read();
        _rowMalformed = _problems.Count > before;
        return read;
    }

    /// <summary>A name or title as read, reported when it holds characters a name may not (<see cref="Names"/>).</summary>
    private string? Named(TableRows rows, int column, string? name)
    {
        if (!_rowMalformed && name is not null && Names.NameProblem(name) is { } problem)
        {
            rows.Report(column, problem);
        }

        return name;
    }

    /// <summary>The id of a required code that must exist, or -1 (reported) when it is empty or unknown.</summary>
    private static int Resolve<T>(TableRows rows, CodeIndex<T> index, int column, string noun)
    {
        var code = rows[column];
        if (code.IsEmpty)
        {
            rows.ReportEmpty(column);
            return -1;
        }

        var id = index.Find(code);
        if (index.Exists(id))
        {
            return id;
        }

        rows.Report(column, Unknown(code, noun));
        return -1;
    }

    /// <summary>An optional code that must exist when given; <paramref name="code"/> is the shared string for it.</summary>
    private static bool TryReference<T>(TableRows rows, CodeIndex<T> index, int column, string noun, out string? code)
    {
        code = null;
        var text = rows[column];
        if (text.IsEmpty)
        {
            return true;
        }

        var id = index.Find(text);
        if (!index.Exists(id))
        {
            rows.Report(column, Unknown(text, noun));
            return false;
        }

        code = index.Code(id);
        return true;
    }

    private static string Unknown(ReadOnlySpan<char> code, string noun) =>
        $"{Cells.Show(code)} is not {noun} in this bundle or in the database";

    private static bool TryEnum<T>(TableRows rows, int column, string noun, out T value)
        where T : struct, Enum
    {
        value = default;
        var text = rows[column];
        if (text.IsEmpty)
        {
            rows.ReportEmpty(column);
            return false;
        }

        if (Codes.TryParse(text.ToString(), out value))
        {
            return true;
        }

        rows.Report(column, $"{Cells.Show(text)} is not {noun}; expected {Codes.Allowed<T>()}");
        return false;
    }

    private static bool TryDecimals(TableRows rows, out int decimals)
    {
        decimals = 0;
        var text = rows[IndicatorColumns.Decimals];
        if (text.IsEmpty)
        {
            rows.ReportEmpty(IndicatorColumns.Decimals);
            return false;
        }

        if (!Cells.TryParseNumber(text, out var value))
        {
            rows.Report(IndicatorColumns.Decimals, Cells.NotANumber(text));
            return false;
        }

        if (value < 0 || value > IndicatorRules.MaxDecimals || value != decimal.Truncate(value))
        {
            rows.Report(IndicatorColumns.Decimals, $"{Cells.Show(text)} is not allowed; decimals is a whole number from 0 to {IndicatorRules.MaxDecimals}");
            return false;
        }

        decimals = (int)value;
        return true;
    }

    private static bool TryPercentage(TableRows rows, int column, string noun, out decimal? value)
    {
        if (!rows.TryNumber(column, out value))
        {
            return false;
        }

        if (value < 0)
        {
            rows.Report(column, $"{Cells.Show(value.Value)} is negative; a {noun} is a percentage of 0 or more");
            return false;
        }

        return true;
    }

    private bool TryPeriod(TableRows rows, int column, out Period period)
    {
        var text = rows[column];
        if (text.IsEmpty)
        {
            period = default;
            rows.ReportEmpty(column);
            return false;
        }

        if (_periods.TryParse(text, out period))
        {
            return true;
        }

        rows.Report(column, Cells.NotAPeriod(text));
        return false;
    }

    /// <summary>Frameworks are <c>;</c>-separated tags: trimmed, empty ones dropped, each once.</summary>
    private static string[] Frameworks(TableRows rows)
    {
        var text = rows[IndicatorColumns.Frameworks];
        if (text.IsEmpty)
        {
            return [];
        }

        var tags = new List<string>();
        foreach (var range in text.Split(';'))
        {
            var tag = text[range].Trim();
            if (tag.IsEmpty)
            {
                continue;
            }

            var name = tag.ToString();
            if (rows.CheckLength(IndicatorColumns.Frameworks, tag, IndicatorFramework.TagLength, "a framework tag")
                && !tags.Exists(t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase)))
            {
                tags.Add(name);
            }
        }

        return tags.ToArray();
    }

    /// <summary>The indicator as the figure rules see it: its code and what could be read of its frequency and range.</summary>
    private FigureIndicator Figures(int indicator)
    {
        var info = _indicators.Info(indicator);
        return new FigureIndicator(_indicators.Code(indicator), info.Frequency, info.MinValue, info.MaxValue);
    }

    private void CheckFigures(FigureIndicator figures, decimal? actual, decimal? outturn)
    {
        if (actual is { } actualValue)
        {
            FigureRules.CheckFigure(FigureFields.Actual, figures, actualValue, _limits, _found);
        }

        if (outturn is { } outturnValue)
        {
            FigureRules.CheckFigure(FigureFields.ProjectedOutturn, figures, outturnValue, _limits, _found);
        }
    }

    /// <summary>Reports what the figure rules found in the current row, each at its own column.</summary>
    private void ReportFound(TableRows rows)
    {
        foreach (var problem in _found)
        {
            rows.Report(rows.Spec.IndexOf(problem.Field), problem.Message);
        }

        _found.Clear();
    }

    private void CheckDuplicate(TableRows rows, Dictionary<long, long> firstLines, int indicator, int area, Period period, int column)
    {
        ref var firstLine = ref CollectionsMarshal.GetValueRefOrAddDefault(firstLines, Key(indicator, area, period), out var seen);
        if (!seen)
        {
            firstLine = rows.Line;
            return;
        }

        rows.Report(column, $"a second row for {_indicators.Code(indicator)}, {_areas.Code(area)}, {period}; the first is on {rows.LineWord} {firstLine}");
    }

    /// <summary>One number for an indicator, area and period, for finding repeated rows among a million.</summary>
    private static long Key(int indicator, int area, Period period)
    {
        var slot = period.Kind switch
        {
            PeriodKind.Year => 0,
            PeriodKind.HalfYear => period.Index,
            PeriodKind.Quarter => 2 + period.Index,
            _ => 6 + period.Index,
        };
        return ((long)indicator << 40) | ((long)area << 16) | ((long)(period.Year - Period.MinYear) << 5) | (long)slot;
    }

    /// <summary>
    /// Checks that each link (an area's parent, a body's escalation) names an existing code other than its own,
    /// and that the links within the bundle never loop.
    /// </summary>
    private static void CheckChain(TableRows rows, CodeIndex<bool> index, List<Link> links, int column, string noun, string selfRule, string loopRule)
    {
        var next = new Dictionary<int, int>();
        var lineOf = new Dictionary<int, long>();
        foreach (var link in links)
        {
            if (link.Target == index.Code(link.Id))
            {
                rows.ReportAt(link.Line, column, $"{Cells.Show(link.Target)} is the row's own code; {selfRule}");
                continue;
            }

            var target = index.Find(link.Target);
            if (!index.Exists(target))
            {
                rows.ReportAt(link.Line, column, Unknown(link.Target, noun));
            }
            else if (index.Line(target) > 0)
            {
                next[link.Id] = target;
                lineOf[link.Id] = link.Line;
            }
        }

        var state = new Dictionary<int, bool>(); // false while on the current path, true once done
        foreach (var start in next.Keys)
        {
            var path = new List<int>();
            for (var node = start; ; node = next[node])
            {
                if (state.TryGetValue(node, out var done))
                {
                    if (!done)
                    {
                        ReportLoop(rows, index, column, loopRule, next, lineOf, path[path.IndexOf(node)..]);
                    }

                    break;
                }

                state[node] = false;
                path.Add(node);
                if (!next.ContainsKey(node))
                {
                    break;
                }
            }

            foreach (var node in path)
            {
                state[node] = true;
            }
        }
    }

    /// <summary>Reports a loop once, at the row of its member that comes first in the file.</summary>
    private static void ReportLoop(TableRows rows, CodeIndex<bool> index, int column, string loopRule, Dictionary<int, int> next, Dictionary<int, long> lineOf, List<int> loop)
    {
        var first = loop[0];
        foreach (var node in loop)
        {
            if (lineOf[node] < lineOf[first])
            {
                first = node;
            }
        }

        var chain = new List<string> { index.Code(first) };
        for (var node = next[first]; node != first; node = next[node])
        {
            chain.Add(index.Code(node));
        }

        chain.Add(index.Code(first));
        rows.ReportAt(lineOf[first], column, $"{Cells.Show(index.Code(next[first]))} makes a loop: {string.Join(" -> ", chain)}; {loopRule}");
    }

    /// <summary>A reference from one row to another code of the same table, checked once the table is read.</summary>
    private readonly record struct Link(int Id, long Line, string Target);
}

/// <summary>What values and targets are checked against: from the bundle's indicator row, or the database's.</summary>
internal readonly record struct IndicatorInfo(Frequency? Frequency, decimal? MinValue, decimal? MaxValue);
