using GoldenThread.Storage;
using Microsoft.Data.Sqlite;

namespace GoldenThread.Tests.Storage;

public sealed class DatabaseTests
{
    [Fact]
    public void Parse_Nothing_IsTheDefaultSqliteFile()
    {
        var database = Database.Parse(null);

        Assert.Equal(DatabaseProvider.Sqlite, database.Provider);
        Assert.Equal("goldenthread.db", new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
    }

    [Theory]
    [InlineData("data/council.db")]
    [InlineData("Data Source=data/council.db")]
    public void Parse_PathOrDataSource_IsSqliteWithForeignKeys(string value)
    {
        var database = Database.Parse(value);

        Assert.Equal(DatabaseProvider.Sqlite, database.Provider);
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        Assert.Equal("data/council.db", builder.DataSource);
        Assert.True(builder.ForeignKeys);
    }

    [Fact]
    public void Parse_HostConnectionString_IsPostgres()
    {
        var database = Database.Parse("Host=127.0.0.1;Port=5433;Database=gt;Username=u;Password=secret");

        Assert.Equal(DatabaseProvider.Postgres, database.Provider);
        Assert.DoesNotContain("secret", database.Describe(), StringComparison.Ordinal);
        Assert.Contains("'gt'", database.Describe(), StringComparison.Ordinal);
    }
}
