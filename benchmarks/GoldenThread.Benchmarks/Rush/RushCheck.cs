using System.Globalization;
using GoldenThread.Domain.Returns;
using GoldenThread.History;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// After the rush, counts in the database what arrived against what was sent: every return submitted; for every line
/// sent, exactly one values row holding exactly the figures and commentary sent; and exactly one record of each figure
/// sent (actual, projected outturn, note), with the value sent, from the channel it came by. Anything else is a figure
/// lost or duplicated.
/// </summary>
internal static class RushCheck
{
    /// <param name="unfinished">The return ids of partners who gave up after an error: their figures were not all sent,
    /// so only all or nothing is checked for them (their return not submitted, and no values row written from it).</param>
    public static async Task<int> RunAsync(Database database, RushPlan plan, IReadOnlySet<int> unfinished, TextWriter output, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var returnIds = plan.Partners.Select(p => p.ReturnId).ToHashSet();
        var states = await db.Returns.Where(r => r.Period == plan.Quarter).Select(r => new { r.Id, r.State, r.SubmittedAt }).ToListAsync(cancellationToken);
        var periods = plan.Partners.SelectMany(p => p.Lines).Select(l => l.Period).Distinct().ToList();
        var values = await db.Values.Where(v => periods.Contains(v.Period))
            .Select(v => new { v.IndicatorId, v.AreaId, v.Period, v.Actual, v.ProjectedOutturn, v.Note })
            .ToListAsync(cancellationToken);
        var records = await db.FigureRecords.Where(r => periods.Contains(r.Period))
            .Select(r => new { r.IndicatorId, r.AreaId, r.Period, r.Field, r.NewValue, r.Source, r.ReturnId })
            .ToListAsync(cancellationToken);

        var problems = new List<string>();
        var submitted = states.Count(s => returnIds.Contains(s.Id) && s.State == ReturnState.Submitted && s.SubmittedAt is not null);
        foreach (var state in states.Where(s => returnIds.Contains(s.Id) && !unfinished.Contains(s.Id) && s.State != ReturnState.Submitted))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"return {state.Id} is {state.State}, not submitted"));
        }

        var valuesByKey = values.ToLookup(v => (v.IndicatorId, v.AreaId, v.Period));
        var recordsByKey = records.ToLookup(r => (r.IndicatorId, r.AreaId, r.Period, r.Field));
        long figuresSent = 0, valuesRight = 0, recordsRight = 0;
        var halfDone = 0;
        foreach (var partner in plan.Partners.Where(p => unfinished.Contains(p.ReturnId)))
        {
            var state = states.SingleOrDefault(s => s.Id == partner.ReturnId);
            var written = partner.Lines.Count(l => valuesByKey[(l.IndicatorId, l.AreaId, l.Period)].Any());
            if (state?.State == ReturnState.Submitted || written > 0)
            {
                halfDone++;
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"return {partner.ReturnId} ({partner.Channel}) gave up after an error, yet is {state?.State} with {written} values rows written"));
            }
        }

        foreach (var partner in plan.Partners.Where(p => !unfinished.Contains(p.ReturnId)))
        {
            foreach (var line in partner.Lines)
            {
                var key = (line.IndicatorId, line.AreaId, line.Period);
                var rows = valuesByKey[key].ToList();
                var sent = new List<(string Field, string? Text)>();
                if (line.Actual is { } actual)
                {
                    sent.Add((RecordedFields.Actual, FigureLedger.Text(actual)));
                }

                if (line.ProjectedOutturn is { } projected)
                {
                    sent.Add((RecordedFields.ProjectedOutturn, FigureLedger.Text(projected)));
                }

                sent.Add((RecordedFields.Note, line.Note));
                figuresSent += sent.Count;
                var where = string.Create(CultureInfo.InvariantCulture, $"line {line.LineId} (return {partner.ReturnId}, {partner.Channel})");
                if (rows.Count != 1)
                {
                    problems.Add($"{where}: {rows.Count} values rows, not 1");
                }
                else
                {
                    var row = rows[0];
                    var stored = new Dictionary<string, string?>
                    {
                        [RecordedFields.Actual] = FigureLedger.Text(row.Actual),
                        [RecordedFields.ProjectedOutturn] = FigureLedger.Text(row.ProjectedOutturn),
                        [RecordedFields.Note] = row.Note,
                    };
                    foreach (var (field, text) in sent)
                    {
                        if (stored[field] == text)
                        {
                            valuesRight++;
                        }
                        else
                        {
                            problems.Add($"{where}: {field} stored as '{stored[field]}', sent '{text}'");
                        }
                    }
                }

                foreach (var (field, text) in sent)
                {
                    var recorded = recordsByKey[(line.IndicatorId, line.AreaId, line.Period, field)].ToList();
                    if (recorded.Count == 1 && recorded[0].NewValue == text && recorded[0].Source == partner.Channel && recorded[0].ReturnId == partner.ReturnId)
                    {
                        recordsRight++;
                    }
                    else
                    {
                        problems.Add($"{where}: {recorded.Count} records of {field} ({string.Join(", ", recorded.Select(r => $"'{r.NewValue}' by {r.Source}, return {r.ReturnId}"))}), expected one of '{text}' by {partner.Channel}");
                    }
                }
            }
        }

        var extraRows = values.Count - plan.Partners.Where(p => !unfinished.Contains(p.ReturnId)).Sum(p => p.Lines.Count);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Check in the database: {submitted} of {plan.Partners.Count} returns submitted; of the {plan.Partners.Count - unfinished.Count} partners who finished, {figuresSent:N0} figures sent (actuals, projected outturns, notes), {valuesRight:N0} stored exactly once as sent, {recordsRight:N0} recorded exactly once as sent; {Math.Max(extraRows, 0)} values rows beyond those sent; of the {unfinished.Count} who gave up after an error, {unfinished.Count - halfDone} left nothing half done (all or nothing)."));
        if (extraRows > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{extraRows} values rows for the quarter that nobody sent"));
        }

        foreach (var problem in problems.Take(20))
        {
            output.WriteLine("  " + problem);
        }

        if (problems.Count > 20)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... and {problems.Count - 20} more problems."));
        }

        output.WriteLine(problems.Count == 0 ? "Figures lost or duplicated: none." : string.Create(CultureInfo.InvariantCulture, $"Figures lost or duplicated, or returns not submitted: {problems.Count} problems."));
        return problems.Count == 0 ? 0 : 1;
    }
}
