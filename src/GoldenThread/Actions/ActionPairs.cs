using System.Globalization;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Actions;

/// <summary>An indicator in an area, as the ladder's records name it: ids, codes and words, and whose figures they are.</summary>
public sealed record ActionPair(int IndicatorId, string IndicatorCode, string IndicatorTitle, int? LeadOrganisationId, int? BodyId, int AreaId, string AreaCode, string AreaName)
{
    /// <summary>The pair as the access rules see it.</summary>
    public Figures Figures => new(IndicatorId, LeadOrganisationId, AreaId);

    public string Name => $"{IndicatorCode} in {AreaCode}";
}

/// <summary>What the actions' and report requests' use cases share: finding a pair, the boards, dates and periods as typed.</summary>
public static class ActionPairs
{
    /// <summary>How many quarters an action plan or a report request stays relevant to a pair: the quarter it was recorded in and the three after.</summary>
    public const int QuartersRelevant = 4;

    public static async Task<ActionPair?> FindAsync(GoldenThreadDb db, int indicatorId, int areaId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId)
            .Select(i => new { i.Id, i.Code, i.Title, i.LeadOrganisationId, i.BodyId }).SingleOrDefaultAsync(cancellationToken);
        var area = await db.Areas.AsNoTracking().Where(a => a.Id == areaId).Select(a => new { a.Id, a.Code, a.Name }).SingleOrDefaultAsync(cancellationToken);
        return indicator is null || area is null
            ? null
            : new ActionPair(indicator.Id, indicator.Code, indicator.Title, indicator.LeadOrganisationId, indicator.BodyId, area.Id, area.Code, area.Name);
    }

    /// <summary>The pair named by its codes, or the problem against the field at fault (<c>indicator</c> or <c>area</c>).</summary>
    public static async Task<(ActionPair? Pair, FieldError? Problem)> FindByCodesAsync(GoldenThreadDb db, string? indicatorCode, string? areaCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        indicatorCode = indicatorCode?.Trim();
        areaCode = areaCode?.Trim();
        if (string.IsNullOrEmpty(indicatorCode))
        {
            return (null, new FieldError("indicator", "Enter the indicator's code, for example NI 16"));
        }

        var indicatorId = await db.Indicators.Where(i => i.Code == indicatorCode).Select(i => (int?)i.Id).SingleOrDefaultAsync(cancellationToken);
        if (indicatorId is null)
        {
            return (null, new FieldError("indicator", $"There is no indicator with the code '{indicatorCode}'"));
        }

        if (string.IsNullOrEmpty(areaCode))
        {
            return (null, new FieldError("area", "Enter the area's code"));
        }

        var areaId = await db.Areas.Where(a => a.Code == areaCode).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (areaId is null)
        {
            return (null, new FieldError("area", $"There is no area with the code '{areaCode}'"));
        }

        return (await FindAsync(db, indicatorId.Value, areaId.Value, cancellationToken), null);
    }

    /// <summary>Every body of the executive board's kind: whose members act for the board (<see cref="InterventionAccess.MayActForExecutiveBoard"/>).</summary>
    public static async Task<IReadOnlyCollection<int>> ExecutiveBoardIdsAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Bodies.AsNoTracking().Where(b => b.Kind == BodyKind.ExecutiveBoard).Select(b => b.Id).ToListAsync(cancellationToken);
    }

    /// <summary>A quarter as typed, or the problem against <c>period</c>.</summary>
    public static (Period? Quarter, FieldError? Problem) Quarter(string? text)
    {
        var code = text?.Trim();
        if (!Period.TryParse(code, out var period) || period.Kind != PeriodKind.Quarter)
        {
            return (null, new FieldError("period", $"'{code}' is not a quarter: enter one like 2009-10-Q3"));
        }

        return (period, null);
    }

    /// <summary>
    /// A date as typed (2010-03-31 or 31/3/2010), or the problem against <paramref name="field"/>; an empty field is
    /// null, or a problem when <paramref name="required"/>.
    /// </summary>
    public static (DateOnly? Date, FieldError? Problem) Date(string? text, string field, string what, bool required)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return required ? (null, new FieldError(field, $"Enter {what}")) : (null, null);
        }

        return DateOnly.TryParseExact(value, ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date, null)
            : (null, new FieldError(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be a date like 2010-03-31 or 31/3/2010"));
    }

    /// <summary>Text trimmed, or the problem against <paramref name="field"/> when it is required and empty, or too long.</summary>
    public static (string? Text, FieldError? Problem) Text(string? text, string field, string what, int length, bool required)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return required ? (null, new FieldError(field, $"Enter {what}")) : (null, null);
        }

        return value.Length > length
            ? (null, new FieldError(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {length.ToString(CultureInfo.InvariantCulture)} characters or fewer"))
            : (value, null);
    }

    /// <summary>The quarters from which a plan or request still counts at <paramref name="quarter"/>: it and the three before.</summary>
    public static IReadOnlyList<string> RelevantQuarters(Period quarter)
    {
        var quarters = new List<string>(QuartersRelevant);
        for (var (p, i) = (quarter, 0); i < QuartersRelevant; p = p.Previous(), i++)
        {
            quarters.Add(p.Code);
        }

        return quarters;
    }

    /// <summary>The name of the person, for the records that keep it in words.</summary>
    public static async Task<string> NameOfAsync(GoldenThreadDb db, int? personId, string fallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (personId is not { } id)
        {
            return fallback;
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.FullName, p.Email }).SingleOrDefaultAsync(cancellationToken);
        return person is null ? fallback : string.IsNullOrWhiteSpace(person.FullName) ? person.Email ?? fallback : person.FullName;
    }
}
