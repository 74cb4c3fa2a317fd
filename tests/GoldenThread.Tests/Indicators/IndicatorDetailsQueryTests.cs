using GoldenThread.Demo;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace GoldenThread.Tests.Indicators;

/// <summary>The indicator pages' reads: the right rows, on both databases, through the primary key rather than a scan.</summary>
public sealed class IndicatorDetailsQueryTests
{
    [Theory, BothDatabases]
    public async Task Queries_ReadOneIndicatorInOneAreaAndInEveryArea(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await DemoBundle.LoadIntoEmptyAsync(db, CancellationToken.None);

        var definition = await IndicatorDetailsQuery.FindAsync(db, "NI 16", CancellationToken.None);
        Assert.NotNull(definition);
        var areas = await IndicatorDetailsQuery.AreasWithFiguresAsync(db, definition.Id, Publication.EveryStoredFigure, CancellationToken.None);
        var county = areas[0];
        var current = Period.Parse(DemoBundle.LatestQuarter);
        var one = await IndicatorDetailsQuery.HistoryAsync(db, definition.Id, county.Id, current, Publication.EveryStoredFigure, CancellationToken.None);
        var all = await IndicatorDetailsQuery.HistoriesOfAllAreasAsync(db, definition.Id, current, Publication.EveryStoredFigure, CancellationToken.None);

        Assert.Equal(["LAA", "NIS"], definition.Frameworks);
        Assert.Equal("Safer and Stronger Communities Partnership", definition.BodyName);
        Assert.Equal(("WSX", 0), (county.Code, county.Depth));
        Assert.Equal(["WSX", "FNM", "HRT", "KSB", "LNB", "OKV", "WTD"], areas.Select(a => a.Code));
        Assert.Equal(8, one.History.Values.Count);
        Assert.Equal(3, one.History.Targets.Count);
        Assert.Equal(16.60m, one.History.Values[Period.Parse("2009-10-Q2")].ProjectedOutturn);
        Assert.Equal(15.20m, one.History.Targets[Period.Parse("2009-10")]);
        Assert.StartsWith("Still rising", one.Notes[Period.Parse("2009-10-Q2")], StringComparison.Ordinal);
        Assert.Equal(areas.Select(a => a.Id).Order(), all.Keys.Order());
        Assert.Equal(one.History.Values, all[county.Id].Values);
        Assert.Equal(one.History.Targets, all[county.Id].Targets);
    }

    [Fact]
    public async Task Queries_OnSqlite_SearchThePrimaryKeyInsteadOfScanning()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        await DemoBundle.LoadIntoEmptyAsync(db, CancellationToken.None);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();

        var oneArea = FigureStore.Statements(new FigureFilter(Publication.EveryStoredFigure) { Indicators = [1], Areas = [1], WithNotes = true });
        var allAreas = FigureStore.Statements(new FigureFilter(Publication.EveryStoredFigure) { Indicators = [1] });
        foreach (var (sql, parameters) in new[] { (oneArea.Targets, oneArea.Parameters), (oneArea.Values, oneArea.Parameters), (allAreas.Targets, allAreas.Parameters), (allAreas.Values, allAreas.Parameters) })
        {
            var plan = await PlanAsync(connection, sql, parameters);

            Assert.DoesNotContain(plan, p => p.StartsWith("SCAN indicator_values", StringComparison.Ordinal) || p.StartsWith("SCAN targets", StringComparison.Ordinal));
            Assert.Contains(plan, p => (p.StartsWith("SEARCH indicator_values USING INDEX", StringComparison.Ordinal) || p.StartsWith("SEARCH targets USING INDEX", StringComparison.Ordinal)) && p.Contains("(area_id=? AND indicator_id=?)", StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> PlanAsync(SqliteConnection connection, string sql, IEnumerable<(string Name, int Value)> parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
