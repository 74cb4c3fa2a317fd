using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Import;

/// <summary>A validated import bundle (interchange.md): every row typed and checked, ready to upsert.</summary>
public sealed class Bundle
{
    public List<AreaRow> Areas { get; } = [];

    public List<OrganisationRow> Organisations { get; } = [];

    public List<BodyRow> Bodies { get; } = [];

    public List<IndicatorRow> Indicators { get; } = [];

    public List<TargetRow> Targets { get; } = [];

    public List<ValueRow> Values { get; } = [];

    public int RowCount => Areas.Count + Organisations.Count + Bodies.Count + Indicators.Count + Targets.Count + Values.Count;
}

public sealed record AreaRow(string Code, string Name, string? ParentCode);

public sealed record OrganisationRow(string Code, string Name, OrganisationKind Kind);

public sealed record BodyRow(string Code, string Name, BodyKind Kind, string? EscalatesTo);

public sealed record IndicatorRow(
    string Code,
    string Title,
    Unit Unit,
    int Decimals,
    Polarity Polarity,
    Frequency Frequency,
    Accumulation Accumulation,
    string? BodyCode,
    string? LeadOrganisationCode,
    decimal? AmberTolerance,
    decimal? StrongGreenThreshold,
    decimal? MinValue,
    decimal? MaxValue,
    IReadOnlyList<string> Frameworks)
{
    /// <summary>The quarterly cycle's columns, as far as the file has them.</summary>
    public IndicatorCycleRow Cycle { get; init; } = IndicatorCycleRow.Absent;
}

/// <summary>A cell of an optional column that the file has: its value, null for an empty cell.</summary>
public readonly record struct Given<T>(T Value);

/// <summary>
/// The quarterly cycle's optional columns of an indicators row (interchange.md). A column the file lacks is null
/// here and leaves what is stored as it is, so older bundles import exactly as before; a column it has sets the
/// value, an empty cell clearing it (for <c>audited</c>, an empty cell is <c>false</c>). Owner and deputy are by
/// email, of people who exist and are active; an empty cell leaves the owner or deputy as it is.
/// </summary>
public sealed record IndicatorCycleRow(
    Given<string?>? Definition,
    Given<string?>? DataSource,
    Given<IndicatorType?>? Type,
    Given<DataQualityRating?>? DataQuality,
    Given<RiskLevel?>? RiskLevel,
    Given<bool>? Audited,
    string? OwnerEmail,
    string? DeputyEmail)
{
    public static IndicatorCycleRow Absent { get; } = new(null, null, null, null, null, null, null, null);
}

public sealed record TargetRow(string IndicatorCode, string AreaCode, Period Period, decimal Target);

public sealed record ValueRow(string IndicatorCode, string AreaCode, Period Period, decimal? Actual, decimal? ProjectedOutturn, string? Note);

/// <summary>One thing wrong with a bundle, where it is and what: <c>values.csv:12: actual: ...</c>.</summary>
public sealed record ImportProblem(string Location, string Column, string Message)
{
    public override string ToString() => $"{Location}: {Column}: {Message}";
}

/// <summary>An indicator already stored, as far as validating new rows against it needs.</summary>
public sealed record KnownIndicator(string Code, Frequency Frequency, decimal? MinValue, decimal? MaxValue);

/// <summary>Whether a person with an email address is stored, and may sign in.</summary>
public enum KnownPerson
{
    Unknown,
    Deactivated,
    Active,
}

/// <summary>What the database already holds, so that a bundle may refer to codes it does not carry itself.</summary>
public interface ICatalogue
{
    bool HasArea(string code);

    bool HasOrganisation(string code);

    bool HasBody(string code);

    KnownIndicator? FindIndicator(string code);

    /// <summary>The person with this email address (compared without regard to case), for an indicator's owner and deputy.</summary>
    KnownPerson FindPerson(string email) => KnownPerson.Unknown;
}
