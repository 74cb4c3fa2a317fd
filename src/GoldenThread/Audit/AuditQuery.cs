using System.Globalization;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

// EF Core translates ToLower to SQL, and not Contains with a StringComparison.
#pragma warning disable CA1862

namespace GoldenThread.Audit;

/// <summary>
/// Which audit entries to show: one action, a person (part of an email address, matched against who did it
/// and to whom), and a range of days in UTC, both ends included. The page and the download read the same
/// filter from the same query string.
/// </summary>
public sealed record AuditFilter(string? Action = null, string? Person = null, DateOnly? From = null, DateOnly? To = null, int Page = 1)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Reads the filter from a query string; what cannot be read is left out and reported against its field.</summary>
    public static (AuditFilter Filter, IReadOnlyList<FieldError> Errors) FromQuery(Func<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<FieldError>();
        var action = Blank(query("action"));
        if (action is not null && !AuditActions.All.Contains(action))
        {
            errors.Add(new FieldError("action", "Choose an action from the list"));
            action = null;
        }

        var from = ReadDate(query("from"), "from", "the ‘from’ date", errors);
        var to = ReadDate(query("to"), "to", "the ‘to’ date", errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors.Add(new FieldError("to", "The ‘to’ date must be the same as or after the ‘from’ date"));
            to = null;
        }

        var page = int.TryParse(query("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        return (new AuditFilter(action, Blank(query("person")), from, to, page), errors);
    }

    /// <summary>The entries this filter keeps (in no particular order).</summary>
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (Person is { } person)
        {
            var lower = person.ToLowerInvariant();
            entries = entries.Where(e => e.ActorName.ToLower().Contains(lower) || (e.SubjectName != null && e.SubjectName.ToLower().Contains(lower)));
        }

        if (From is { } from)
        {
            var start = StartOf(from);
            entries = entries.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }

        return entries;
    }

    /// <summary>The query string for this filter (without the page unless one is given), e.g. <c>?action=role_granted&amp;page=2</c>.</summary>
    public string QueryString(int? page = null)
    {
        var parts = new List<string>();
        Add("action", Action);
        Add("person", Person);
        Add("from", From?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add("to", To?.ToString(DateFormat, CultureInfo.InvariantCulture));
        if (page is > 1)
        {
            Add("page", page.Value.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? ReadDate(string? text, string field, string name, List<FieldError> errors)
    {
        if (Blank(text) is not { } trimmed)
        {
            return null;
        }

        if (DateOnly.TryParseExact(trimmed, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(field, $"Enter {name} as a real date, for example 2026-03-31"));
        return null;
    }
}

/// <summary>One page of the audit trail, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageCount)
{
    public int FirstNumber => (Page - 1) * AuditQuery.PageSize + 1;

    public int LastNumber => FirstNumber + Entries.Count - 1;
}

/// <summary>Reads the audit trail: newest first (by its identifier, which only grows), a page at a time or all of it.</summary>
public static class AuditQuery
{
    public const int PageSize = 50;

    public static async Task<AuditPage> PageAsync(GoldenThreadDb db, AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var entries = filter.Apply(db.AuditEntries.AsNoTracking());
        var total = await entries.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Min(filter.Page, pageCount);
        var rows = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new AuditPage(rows, total, page, pageCount);
    }

    /// <summary>Every entry the filter keeps, newest first, read as it is written out.</summary>
    public static IAsyncEnumerable<AuditEntry> AllAsync(GoldenThreadDb db, AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Apply(db.AuditEntries.AsNoTracking()).OrderByDescending(e => e.Id).AsAsyncEnumerable();
    }

    /// <summary>The page numbers to link to: the first, the last, and those beside the current one, with gaps as null.</summary>
    public static IReadOnlyList<int?> PageNumbers(int current, int pageCount)
    {
        var shown = new SortedSet<int> { 1, pageCount, current - 1, current, current + 1 };
        shown.RemoveWhere(p => p < 1 || p > pageCount);
        var numbers = new List<int?>();
        var previous = 0;
        foreach (var number in shown)
        {
            if (number > previous + 1)
            {
                numbers.Add(null);
            }

            numbers.Add(number);
            previous = number;
        }

        return numbers;
    }
}
