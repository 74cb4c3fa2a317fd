using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Import;

/// <summary>
/// Writes a validated bundle in one transaction: rows upsert on their keys, and either every row is
/// written or none is. Reference rows go through EF Core; targets and values, which run to millions,
/// go through the storage's bulk writer (<see cref="BulkWriter"/>). The import's record in the audit trail,
/// with every figure it replaced, is written in the same transaction: an import that is not recorded did not
/// happen. So is the record of every figure (<see cref="History.FigureRecord"/>, source <c>import</c>): each figure
/// a row adds or changes, each sign-off a change clears and, with <see cref="ImportRecord.SignedOffBy"/>, each
/// sign-off the import gives. Values rows are provisional unless the import signs them off; a row whose figures do
/// not change keeps the sign-off it had.
/// </summary>
public static class BundleWriter
{
    public static async Task<ImportCounts> WriteAsync(GoldenThreadDb db, Bundle bundle, ImportRecord record, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(record);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
            }

            var entry = new AuditLog(db, record.Clock).Add(record.Actor, AuditActions.BundleImported, "Importing.", subjectName: record.Source);
            await db.SaveChangesAsync(ct);

            await UpsertAreasAsync(db, bundle.Areas, ct);
            await UpsertOrganisationsAsync(db, bundle.Organisations, ct);
            await UpsertBodiesAsync(db, bundle.Bodies, ct);
            await UpsertIndicatorsAsync(db, bundle.Indicators, ct);
            await SetHoldersAsync(db, bundle.Indicators, record, ct);
            db.ChangeTracker.Clear();

            var written = (long)bundle.Areas.Count + bundle.Organisations.Count + bundle.Bodies.Count + bundle.Indicators.Count;
            progress?.Report(written);
            var changed = 0L;
            if (bundle.Targets.Count > 0 || bundle.Values.Count > 0)
            {
                var indicatorIds = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, ct);
                var areaIds = await db.Areas.ToDictionaryAsync(a => a.Code, a => a.Id, StringComparer.Ordinal, ct);
                var periods = new PeriodCodeCache();
                var at = record.Clock.GetUtcNow();
                var signOff = record.SignedOffBy is { } signer ? new FigureSignOff(at, signer.Id, signer.Reason) : null;
                var writer = BulkWriter.For(db, entry.Id, new FigureRecording(at, record.Actor.Id, record.Actor.Name, signOff));
                void Advance(int rows) => progress?.Report(written += rows);

                var targets = new StoredTarget[bundle.Targets.Count];
                for (var i = 0; i < targets.Length; i++)
                {
                    var row = bundle.Targets[i];
                    targets[i] = new StoredTarget(areaIds[row.AreaCode], indicatorIds[row.IndicatorCode], periods.Code(row.Period), row.Period.StartOrdinal, row.Target);
                }

                await writer.UpsertTargetsAsync(targets, Advance, ct);
                targets = null;

                var values = new StoredValue[bundle.Values.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    var row = bundle.Values[i];
                    values[i] = new StoredValue(areaIds[row.AreaCode], indicatorIds[row.IndicatorCode], periods.Code(row.Period), row.Period.StartOrdinal, row.Actual, row.ProjectedOutturn, row.Note);
                }

                await writer.UpsertValuesAsync(values, Advance, ct);
                changed = await db.ImportChanges.LongCountAsync(c => c.AuditEntryId == entry.Id, ct);
            }

            var counts = new ImportCounts(bundle.Areas.Count, bundle.Organisations.Count, bundle.Bodies.Count, bundle.Indicators.Count, bundle.Targets.Count, bundle.Values.Count)
            {
                ChangedFigures = changed,
            };
            db.AuditEntries.Attach(entry);
            entry.Detail = record.SignedOffBy is { } signedBy ? counts.Describe() + " " + signedBy.Reason : counts.Describe();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return counts;
        }, cancellationToken);
    }

    private static async Task UpsertAreasAsync(GoldenThreadDb db, List<AreaRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var existing = await db.Areas.AsTracking().ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Code, out var area))
            {
                area.Name = row.Name;
            }
            else
            {
                area = new Area { Code = row.Code, Name = row.Name };
                db.Areas.Add(area);
                existing.Add(row.Code, area);
            }
        }

        foreach (var row in rows)
        {
            existing[row.Code].Parent = row.ParentCode is null ? null : existing[row.ParentCode];
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task UpsertOrganisationsAsync(GoldenThreadDb db, List<OrganisationRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var existing = await db.Organisations.AsTracking().ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var organisation))
            {
                organisation = new Organisation { Code = row.Code, Name = row.Name };
                db.Organisations.Add(organisation);
                existing.Add(row.Code, organisation);
            }

            organisation.Name = row.Name;
            organisation.Kind = row.Kind;
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task UpsertBodiesAsync(GoldenThreadDb db, List<BodyRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var existing = await db.Bodies.AsTracking().ToDictionaryAsync(b => b.Code, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var body))
            {
                body = new Body { Code = row.Code, Name = row.Name };
                db.Bodies.Add(body);
                existing.Add(row.Code, body);
            }

            body.Name = row.Name;
            body.Kind = row.Kind;
        }

        foreach (var row in rows)
        {
            existing[row.Code].EscalatesTo = row.EscalatesTo is null ? null : existing[row.EscalatesTo];
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task UpsertIndicatorsAsync(GoldenThreadDb db, List<IndicatorRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var existing = await db.Indicators.AsTracking().Include(i => i.Frameworks).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var bodies = await db.Bodies.ToDictionaryAsync(b => b.Code, b => b.Id, StringComparer.Ordinal, ct);
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var indicator))
            {
                indicator = new Indicator { Code = row.Code, Title = row.Title };
                db.Indicators.Add(indicator);
                existing.Add(row.Code, indicator);
            }

            indicator.Title = row.Title;
            indicator.Unit = row.Unit;
            indicator.Decimals = row.Decimals;
            indicator.Polarity = row.Polarity;
            indicator.Frequency = row.Frequency;
            indicator.Accumulation = row.Accumulation;
            indicator.BodyId = row.BodyCode is null ? null : bodies[row.BodyCode];
            indicator.LeadOrganisationId = row.LeadOrganisationCode is null ? null : organisations[row.LeadOrganisationCode];
            indicator.AmberTolerance = row.AmberTolerance;
            indicator.StrongGreenThreshold = row.StrongGreenThreshold;
            indicator.MinValue = row.MinValue;
            indicator.MaxValue = row.MaxValue;
            SetCycle(indicator, row.Cycle);
            indicator.Frameworks.RemoveAll(f => !row.Frameworks.Contains(f.Tag, StringComparer.Ordinal));
            foreach (var tag in row.Frameworks.Distinct(StringComparer.Ordinal))
            {
                if (!indicator.Frameworks.Exists(f => f.Tag == tag))
                {
                    indicator.Frameworks.Add(new IndicatorFramework { Tag = tag });
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The quarterly cycle's columns the file has; those it lacks leave what is stored as it is.</summary>
    private static void SetCycle(Indicator indicator, IndicatorCycleRow cycle)
    {
        if (cycle.Definition is { } definition)
        {
            indicator.Definition = definition.Value;
        }

        if (cycle.DataSource is { } dataSource)
        {
            indicator.DataSource = dataSource.Value;
        }

        if (cycle.Type is { } type)
        {
            indicator.Type = type.Value;
        }

        if (cycle.DataQuality is { } quality)
        {
            indicator.DataQuality = quality.Value;
        }

        if (cycle.RiskLevel is { } risk)
        {
            indicator.RiskLevel = risk.Value;
        }

        if (cycle.Audited is { } audited)
        {
            indicator.Audited = audited.Value;
        }
    }

    /// <summary>
    /// Grants the owner and deputy roles the rows name, replacing the indicator's present holder of each (role
    /// assignments are the one record of who may do what), with an audit entry per person whose role changed.
    /// </summary>
    private static async Task SetHoldersAsync(GoldenThreadDb db, List<IndicatorRow> rows, ImportRecord record, CancellationToken ct)
    {
        var wanted = rows
            .SelectMany(r => new[] { (r.Code, Role: Domain.Access.Role.IndicatorOwner, Email: r.Cycle.OwnerEmail), (r.Code, Role: Domain.Access.Role.IndicatorDeputy, Email: r.Cycle.DeputyEmail) })
            .Where(w => w.Email is not null)
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var indicatorIds = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, ct);
        var emails = wanted.Select(w => w.Email!.ToUpperInvariant()).Distinct().ToList();
        var people = (await db.People
                .Where(p => p.DeactivatedAt == null && p.NormalizedEmail != null && emails.Contains(p.NormalizedEmail))
                .Select(p => new { p.Id, p.NormalizedEmail })
                .ToListAsync(ct))
            .ToDictionary(p => p.NormalizedEmail!, p => p.Id, StringComparer.Ordinal);
        var audit = new AuditLog(db, record.Clock);
        var now = record.Clock.GetUtcNow();
        foreach (var (code, role, email) in wanted)
        {
            // The validator checked every email against the stored people.
            var changes = await IndicatorHolders.ReplaceAsync(db, indicatorIds[code], role, people[email!.ToUpperInvariant()], now, ct);
            foreach (var change in changes)
            {
                audit.Add(
                    record.Actor,
                    change.Granted ? AuditActions.RoleGranted : AuditActions.RoleRemoved,
                    $"{(change.Granted ? "Granted" : "Removed")} {change.Describe(code)}, by import.",
                    change.PersonId,
                    change.Email);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>Each period's code made once: a bundle names few periods many times.</summary>
internal sealed class PeriodCodeCache
{
    private readonly Dictionary<Period, string> _codes = [];

    public string Code(Period period)
    {
        if (!_codes.TryGetValue(period, out var code))
        {
            code = period.Code;
            _codes.Add(period, code);
        }

        return code;
    }
}

/// <summary>How many rows of each file an import wrote, and how many stored figures it changed.</summary>
public sealed record ImportCounts(int Areas, int Organisations, int Bodies, int Indicators, int Targets, int Values)
{
    public long Total => (long)Areas + Organisations + Bodies + Indicators + Targets + Values;

    /// <summary>Stored figures (actuals, projected outturns, notes, targets) replaced with a different one.</summary>
    public long ChangedFigures { get; init; }

    /// <summary>The import's detail in the audit trail.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Total:N0} rows: {Areas:N0} areas, {Organisations:N0} organisations, {Bodies:N0} bodies, {Indicators:N0} indicators, {Targets:N0} targets, {Values:N0} values; {ChangedFigures:N0} stored figures changed.");

    public override string ToString() =>
        $"Imported {Total} rows: {Areas} areas, {Organisations} organisations, {Bodies} bodies, {Indicators} indicators, {Targets} targets, {Values} values.";
}
