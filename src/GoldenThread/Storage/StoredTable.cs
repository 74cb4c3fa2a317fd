using GoldenThread.Audit;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GoldenThread.Storage;

/// <summary>
/// An entity's table and column names as the EF Core model maps them, quoted for SQL, so that hand-written SQL
/// (the bulk writers) never restates a name the mapping owns.
/// </summary>
public sealed class StoredTable
{
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _store;

    private StoredTable(IEntityType entity)
    {
        _entity = entity;
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} is not mapped to a table.");
        _store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        Name = Quote(name);
    }

    /// <summary>The table's quoted name.</summary>
    public string Name { get; }

    /// <summary>The quoted column of a property, by the property's name (use <c>nameof</c>).</summary>
    public string this[string property] =>
        Quote((_entity.FindProperty(property) ?? throw new ArgumentException($"{_entity.DisplayName()} has no property '{property}'.", nameof(property)))
            .GetColumnName(_store) ?? throw new InvalidOperationException($"{_entity.DisplayName()}.{property} has no column."));

    /// <summary>The primary key's columns, in the key's order.</summary>
    public string Key => string.Join(", ", _entity.FindPrimaryKey()!.Properties.Select(p => this[p.Name]));

    public static StoredTable Of<T>(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new StoredTable(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model."));
    }

    /// <summary>Both SQLite and PostgreSQL take double-quoted identifiers.</summary>
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>The tables the bulk writers touch, read from the model once per write.</summary>
internal sealed record FigureTables(StoredTable Targets, StoredTable Values, StoredTable Changes, StoredTable Areas, StoredTable Indicators, StoredTable Records)
{
    public static FigureTables Of(DbContext db) => new(
        StoredTable.Of<Target>(db),
        StoredTable.Of<IndicatorValue>(db),
        StoredTable.Of<ImportChange>(db),
        StoredTable.Of<Area>(db),
        StoredTable.Of<Indicator>(db),
        StoredTable.Of<History.FigureRecord>(db));
}
