using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using GoldenThread.Storage;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// Builders for stored test data, one per entity, with sensible defaults and codes of their own, so that a test
/// says only what matters to it and never leans on the demonstration's codes:
/// <c>var indicator = await data.CreateIndicatorAsync(polarity: Polarity.Lower);</c>. Each builder saves at once.
/// </summary>
public sealed class TestData(Database database)
{
    private static int _counter;

    public Database Database { get; } = database;

    public async Task<Area> CreateAreaAsync(string? code = null, string? name = null, Area? parent = null)
    {
        code ??= NextCode("A");
        var area = new Area { Code = code, Name = name ?? $"Area {code}", ParentId = parent?.Id };
        return await SaveAsync(area);
    }

    public async Task<Organisation> CreateOrganisationAsync(string? code = null, OrganisationKind kind = OrganisationKind.Council)
    {
        code ??= NextCode("O");
        return await SaveAsync(new Organisation { Code = code, Name = $"Organisation {code}", Kind = kind });
    }

    public async Task<Body> CreateBodyAsync(string? code = null, BodyKind kind = BodyKind.ThematicPartnership, Body? escalatesTo = null)
    {
        code ??= NextCode("B");
        return await SaveAsync(new Body { Code = code, Name = $"Body {code}", Kind = kind, EscalatesToId = escalatesTo?.Id });
    }

    public async Task<Indicator> CreateIndicatorAsync(
        string? code = null,
        Polarity polarity = Polarity.Higher,
        Frequency frequency = Frequency.Quarterly,
        Accumulation accumulation = Accumulation.Snapshot,
        Unit unit = Unit.Number,
        int decimals = 1,
        Body? body = null,
        Organisation? leadOrganisation = null)
    {
        code ??= NextCode("PI ");
        return await SaveAsync(new Indicator
        {
            Code = code,
            Title = $"Indicator {code}",
            Polarity = polarity,
            Frequency = frequency,
            Accumulation = accumulation,
            Unit = unit,
            Decimals = decimals,
            BodyId = body?.Id,
            LeadOrganisationId = leadOrganisation?.Id,
        });
    }

    public async Task<Target> CreateTargetAsync(Indicator indicator, Area area, string period, decimal value)
    {
        var parsed = Period.Parse(period);
        return await SaveAsync(new Target { IndicatorId = indicator.Id, AreaId = area.Id, Period = parsed.Code, PeriodStart = parsed.StartOrdinal, Value = value });
    }

    public async Task<IndicatorValue> CreateValueAsync(Indicator indicator, Area area, string period, decimal? actual = null, decimal? projectedOutturn = null, string? note = null)
    {
        var parsed = Period.Parse(period);
        return await SaveAsync(new IndicatorValue
        {
            IndicatorId = indicator.Id,
            AreaId = area.Id,
            Period = parsed.Code,
            PeriodStart = parsed.StartOrdinal,
            Actual = actual,
            ProjectedOutturn = projectedOutturn,
            Note = note,
        });
    }

    /// <summary>A return of <paramref name="period"/> (a quarter) in any state, as issuing and entry would leave it.</summary>
    public async Task<GoldenThread.Returns.Return> CreateReturnAsync(
        string period,
        GoldenThread.People.Person? assignee = null,
        Organisation? organisation = null,
        GoldenThread.Domain.Returns.ReturnState state = GoldenThread.Domain.Returns.ReturnState.NotStarted,
        GoldenThread.People.Person? submittedBy = null,
        int queryCount = 0,
        bool amendedAfterSignOff = false)
    {
        var submitted = GoldenThread.Domain.Returns.ReturnStates.HasBeenSubmitted(state) || state == GoldenThread.Domain.Returns.ReturnState.Queried;
        return await SaveAsync(new GoldenThread.Returns.Return
        {
            Period = Period.Parse(period).Code,
            AssigneeId = assignee?.Id,
            OrganisationId = organisation?.Id ?? assignee?.OrganisationId,
            State = state,
            IssuedAt = new DateTimeOffset(2009, 10, 1, 9, 0, 0, TimeSpan.Zero),
            SubmittedAt = submitted ? new DateTimeOffset(2009, 10, 20, 9, 0, 0, TimeSpan.Zero) : null,
            SubmittedById = submitted ? (submittedBy ?? assignee)?.Id : null,
            QueryCount = queryCount,
            AmendedAfterSignOff = amendedAfterSignOff,
        });
    }

    /// <summary>A line of a return: what is due for an indicator in an area at a period, with any draft figures.</summary>
    public async Task<GoldenThread.Returns.ReturnLine> CreateReturnLineAsync(
        GoldenThread.Returns.Return owner,
        Indicator indicator,
        Area area,
        string? period = null,
        bool actualDue = true,
        bool projectedOutturnDue = true,
        decimal? actual = null,
        decimal? projectedOutturn = null,
        string? note = null)
    {
        var parsed = Period.Parse(period ?? owner.Period);
        return await SaveAsync(new GoldenThread.Returns.ReturnLine
        {
            ReturnId = owner.Id,
            IndicatorId = indicator.Id,
            AreaId = area.Id,
            Period = parsed.Code,
            PeriodStart = parsed.StartOrdinal,
            ActualDue = actualDue,
            ProjectedOutturnDue = projectedOutturnDue,
            Actual = actual,
            ProjectedOutturn = projectedOutturn,
            Note = note,
        });
    }

    private static string NextCode(string prefix) =>
        prefix + Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<T> SaveAsync<T>(T entity)
        where T : class
    {
        await using var db = Database.Open(tracking: true);
        db.Add(entity);
        await db.SaveChangesAsync();
        return entity;
    }
}
