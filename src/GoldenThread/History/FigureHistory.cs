using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using GoldenThread.Audit;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.History;

/// <summary>One record of the record of every figure as it is read: with the codes and the name of the person it was entered for.</summary>
public sealed record FigureHistoryRow(
    long Id,
    DateTimeOffset At,
    string Who,
    string? OnBehalfOf,
    string Indicator,
    string Area,
    string Period,
    string Field,
    string? OldValue,
    string? NewValue,
    string? Reason,
    string Source,
    int? ReturnId);

/// <summary>Which records the auditor's export holds: one period (exactly that code) and one indicator, or every one.</summary>
public sealed record FigureHistoryFilter(string? Period = null, int? IndicatorId = null);

/// <summary>Reads the record of every figure: an indicator's history in one area, and the auditor's export. Never writes.</summary>
public static class FigureHistory
{
    /// <summary>The most records an indicator's page shows for one area; the auditor's export has them all.</summary>
    public const int PageLimit = 500;

    /// <summary>Every record of the indicator in the area (up to <paramref name="limit"/>), newest first.</summary>
    public static async Task<IReadOnlyList<FigureHistoryRow>> ForAreaAsync(GoldenThreadDb db, int indicatorId, int areaId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = db.FigureRecords.Where(r => r.IndicatorId == indicatorId && r.AreaId == areaId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Take(limit);
        return await Query(db, records).ToListAsync(cancellationToken);
    }

    /// <summary>The records the filter selects, newest first, streamed as they are read.</summary>
    public static async IAsyncEnumerable<FigureHistoryRow> AllAsync(GoldenThreadDb db, FigureHistoryFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var records = db.FigureRecords.AsQueryable();
        if (filter.Period is { } period)
        {
            records = records.Where(r => r.Period == period);
        }

        if (filter.IndicatorId is { } indicator)
        {
            records = records.Where(r => r.IndicatorId == indicator);
        }

        await foreach (var row in Query(db, records).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Records (already ordered) with their codes and the on-behalf person's name and email; the order is kept, newest
    /// first. A code that no longer resolves shows its id.
    /// </summary>
    private static IQueryable<FigureHistoryRow> Query(GoldenThreadDb db, IQueryable<FigureRecord> records) =>
        from r in records.AsNoTracking()
        join i in db.Indicators on r.IndicatorId equals i.Id into indicators
        from i in indicators.DefaultIfEmpty()
        join a in db.Areas on r.AreaId equals a.Id into areas
        from a in areas.DefaultIfEmpty()
        join p in db.People on r.OnBehalfOfId equals (int?)p.Id into people
        from p in people.DefaultIfEmpty()
        orderby r.At descending, r.Id descending
        select new FigureHistoryRow(
            r.Id,
            r.At,
            r.Who,
            p == null ? null : p.FullName + " <" + p.Email + ">",
            i == null ? "#" + r.IndicatorId : i.Code,
            a == null ? "#" + r.AreaId : a.Code,
            r.Period,
            r.Field,
            r.OldValue,
            r.NewValue,
            r.Reason,
            r.Source,
            r.ReturnId);

    /// <summary>A field's name in words for the pages: "Projected outturn", "Exception: plans".</summary>
    public static string DescribeField(string field) => field switch
    {
        RecordedFields.Actual => "Actual",
        RecordedFields.ProjectedOutturn => "Projected outturn",
        RecordedFields.Note => "Commentary",
        RecordedFields.Target => "Target",
        RecordedFields.SignedOff => "Sign-off",
        "movement_note" => "Movement note",
        _ when field.StartsWith("exception.", StringComparison.Ordinal) => "Exception: " + field["exception.".Length..].Replace('_', ' '),
        _ => field.Replace('_', ' '),
    };

    /// <summary>Where a change came from, in words.</summary>
    public static string DescribeSource(string source) => source switch
    {
        FigureSources.Web => "The site",
        FigureSources.Workbook => "A workbook",
        FigureSources.Api => "The API",
        FigureSources.Import => "An import",
        _ => source,
    };
}

/// <summary>
/// The auditor's export of the record of every figure, one record a row, newest first:
/// <c>at,indicator,area,period,field,old_value,new_value,who,on_behalf_of,reason,source,return_id</c>. Times in UTC
/// (ISO 8601), as the audit trail's CSV; text a spreadsheet would run as a formula is written as text.
/// </summary>
public static class FigureRecordsCsv
{
    public const string FileName = "figure-records.csv";

    public static IReadOnlyList<string> Fields { get; } =
        ["at", "indicator", "area", "period", "field", "old_value", "new_value", "who", "on_behalf_of", "reason", "source", "return_id"];

    public static async Task WriteAsync(IAsyncEnumerable<FigureHistoryRow> rows, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, true);
        foreach (var field in Fields)
        {
            csv.WriteField(field);
        }

        await csv.EndRecordAsync(cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(AuditCsv.Time(row.At));
            csv.WriteField(row.Indicator);
            csv.WriteField(row.Area);
            csv.WriteField(row.Period);
            csv.WriteField(row.Field);
            csv.WriteField(row.OldValue ?? string.Empty);
            csv.WriteField(row.NewValue ?? string.Empty);
            csv.WriteField(row.Who);
            csv.WriteField(row.OnBehalfOf ?? string.Empty);
            csv.WriteField(row.Reason ?? string.Empty);
            csv.WriteField(row.Source);
            csv.WriteField(row.ReturnId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
