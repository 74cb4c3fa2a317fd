using System.Globalization;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Indicators;

/// <summary>
/// The edit page's fields as given: text as typed; <c>type</c>, <c>data-quality</c> and <c>risk-level</c> as their
/// interchange words (empty for not recorded); <c>audited</c> "yes" or "no"; <c>owner</c> and <c>deputy</c> a person's
/// identifier (empty for nobody).
/// </summary>
public sealed record IndicatorChange(
    string Code,
    string? Definition,
    string? DataSource,
    string? Type,
    string? DataQuality,
    string? RiskLevel,
    string? Audited,
    string? Owner,
    string? Deputy);

/// <summary>
/// The central team changes what the quarterly cycle needs of an indicator: its definition and calculation, data
/// source, type, data quality rating, risk level, whether it is audited, and its owner and deputy (role
/// assignments: a new owner replaces the old one's role for this indicator). All or nothing, with one audit entry
/// naming every field's old and new value in words, and an entry per person whose role changed.
/// </summary>
public sealed class ChangeIndicator(GoldenThreadDb db, AuditLog audit, TimeProvider clock) : AdminUseCase<IndicatorChange>(db, audit)
{
    /// <summary>How much of a long text (a definition) the audit entry quotes, before and after.</summary>
    public const int QuotedLength = 300;

    protected override async Task<AdminChange> HandleAsync(AuditActor actor, IndicatorChange request, CancellationToken cancellationToken)
    {
        var indicator = await Db.Indicators.AsTracking().SingleOrDefaultAsync(i => i.Code == request.Code, cancellationToken);
        if (indicator is null)
        {
            return AdminChange.Refused("definition", $"There is no indicator with the code {request.Code}");
        }

        var errors = new List<FieldError>();
        var definition = Text(request.Definition, "definition", "The definition and calculation", Indicator.DefinitionLength, errors);
        var dataSource = Text(request.DataSource, "data-source", "The data source", Indicator.DataSourceLength, errors);
        var type = Word<IndicatorType>(request.Type, "type", "Choose a type from the list", errors);
        var quality = Word<DataQualityRating>(request.DataQuality, "data-quality", "Choose a data quality rating from the list", errors);
        var risk = Word<RiskLevel>(request.RiskLevel, "risk-level", "Choose a risk level from the list", errors);
        bool? audited = request.Audited switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        if (audited is null)
        {
            errors.Add(new FieldError("audited", "Choose whether the indicator is chosen for internal audit"));
        }

        var owner = await PersonAsync(request.Owner, "owner", errors, cancellationToken);
        var deputy = await PersonAsync(request.Deputy, "deputy", errors, cancellationToken);
        if (owner is { } o && deputy is { } d && o.Id == d.Id)
        {
            errors.Add(new FieldError("deputy", "Choose someone other than the owner as the deputy"));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var changes = new List<string>();
        Note(changes, "definition", Quote(indicator.Definition), Quote(definition));
        Note(changes, "data source", Quote(indicator.DataSource), Quote(dataSource));
        Note(changes, "type", Word(indicator.Type), Word(type));
        Note(changes, "data quality", Word(indicator.DataQuality), Word(quality));
        Note(changes, "risk level", Word(indicator.RiskLevel), Word(risk));
        Note(changes, "audited", YesNo(indicator.Audited), YesNo(audited!.Value));
        indicator.Definition = definition;
        indicator.DataSource = dataSource;
        indicator.Type = type;
        indicator.DataQuality = quality;
        indicator.RiskLevel = risk;
        indicator.Audited = audited.Value;

        var now = clock.GetUtcNow();
        var held = new List<HolderChange>();
        foreach (var (role, chosen, name) in new[] { (Role.IndicatorOwner, owner, "owner"), (Role.IndicatorDeputy, deputy, "deputy") })
        {
            var before = await IndicatorHolders.ActiveAsync(Db, indicator.Id, role, cancellationToken);
            // Choosing someone who already holds the role changes nothing (a second owner granted on the people pages
            // is not taken away by saving this form); choosing someone new replaces every holder.
            var unchanged = chosen is { } c ? before.Any(b => b.Id == c.Id) : before.Count == 0;
            if (unchanged)
            {
                continue;
            }

            held.AddRange(await IndicatorHolders.ReplaceAsync(Db, indicator.Id, role, chosen?.Id, now, cancellationToken));
            Note(changes, name, Names(before.Select(b => b.FullName)), chosen?.FullName ?? "nobody");
        }

        if (changes.Count == 0)
        {
            return AdminChange.Success($"Nothing was changed: {indicator.Code} already had these details.", indicator.Id);
        }

        Audit.Add(actor, AuditActions.IndicatorChanged, $"{indicator.Code}: {string.Join("; ", changes)}.", subjectName: indicator.Code);
        foreach (var change in held)
        {
            Audit.Add(
                actor,
                change.Granted ? AuditActions.RoleGranted : AuditActions.RoleRemoved,
                $"{(change.Granted ? "Granted" : "Removed")} {change.Describe(indicator.Code)}.",
                change.PersonId,
                change.Email);
        }

        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"{indicator.Code} has been changed.", indicator.Id);
    }

    private static string? Text(string? given, string field, string name, int maxLength, List<FieldError> errors)
    {
        var text = string.IsNullOrWhiteSpace(given) ? null : given.Trim().ReplaceLineEndings("\n");
        if (text is not null && text.Length > maxLength)
        {
            errors.Add(new FieldError(field, $"{name} must be {maxLength.ToString("N0", CultureInfo.InvariantCulture)} characters or fewer"));
        }

        return text;
    }

    private static T? Word<T>(string? given, string field, string message, List<FieldError> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(given))
        {
            return null;
        }

        if (Codes.TryParse(given, out T value))
        {
            return value;
        }

        errors.Add(new FieldError(field, message));
        return null;
    }

    /// <summary>The active person chosen, or null for nobody; a person not found or deactivated is an error on the field.</summary>
    private async Task<(int Id, string FullName)?> PersonAsync(string? given, string field, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(given))
        {
            return null;
        }

        var person = int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await Db.People.Where(p => p.Id == id && p.DeactivatedAt == null).Select(p => new { p.Id, p.FullName }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (person is null)
        {
            errors.Add(new FieldError(field, $"Choose an active person as the {field}"));
            return null;
        }

        return (person.Id, person.FullName);
    }

    private static void Note(List<string> changes, string field, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add($"{field} from {before} to {after}");
        }
    }

    private static string Quote(string? text) =>
        text is null ? "not recorded"
        : text.Length <= QuotedLength ? $"\"{text}\""
        : $"\"{text[..QuotedLength]}...\" ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";

    private static string Word<T>(T? value)
        where T : struct, Enum => value is { } v ? Codes.Of(v) : "not recorded";

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Names(IEnumerable<string> names) =>
        names.ToList() is { Count: > 0 } list ? string.Join(" and ", list) : "nobody";
}
