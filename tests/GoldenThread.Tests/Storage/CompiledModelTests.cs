using System.Text.RegularExpressions;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Storage;

/// <summary>
/// EF Core's compiled models (src/GoldenThread/Storage/CompiledModels, one per provider) are what every context runs on,
/// so a model changed without regenerating them would be silently wrong: this generates them again, in process, as
/// <c>scripts/compiled-model</c> does, and compares them with the committed files.
/// </summary>
public sealed partial class CompiledModelTests
{
    [Theory, BothDatabases]
    public void CompiledModel_IsTheModelAsConfigured_RegenerateWithTheScriptWhenNot(DatabaseProvider provider)
    {
        using GoldenThreadDb context = provider == DatabaseProvider.Sqlite
            ? new SqliteDesignFactory().CreateDbContext([])
            : new PostgresDesignFactory().CreateDbContext([]);
        var name = provider == DatabaseProvider.Sqlite ? "Sqlite" : "Postgres";

        var generated = Generate(context, "GoldenThread.Storage.CompiledModels." + name);
        var folder = Path.Combine(Repository.Root, "src", "GoldenThread", "Storage", "CompiledModels", name);
        var committed = Directory.GetFiles(folder, "*.cs").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);

        var stale = generated.Keys.Union(committed.Keys).Order(StringComparer.Ordinal)
            .Where(file => !generated.TryGetValue(file, out var code) || !committed.TryGetValue(file, out var kept) || !SameCode(code, kept))
            .ToList();
        Assert.True(stale.Count == 0, $"The {name} compiled model is out of date ({string.Join(", ", stale)}): run scripts/compiled-model.");
    }

    [Theory, BothDatabases]
    public void OpenedContext_RunsOnTheCompiledModel(DatabaseProvider provider)
    {
        // No connection is opened: the model is all that is asked for.
        using var db = Database.Parse(provider == DatabaseProvider.Sqlite ? "unused.db" : "Host=127.0.0.1;Database=unused").Open();

        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.IsType<GoldenThread.Storage.CompiledModels.Sqlite.SqliteGoldenThreadDbModel>(db.Model);
        }
        else
        {
            Assert.IsType<GoldenThread.Storage.CompiledModels.Postgres.PostgresGoldenThreadDbModel>(db.Model);
        }
    }

    /// <summary>
    /// The files <c>dotnet ef dbcontext optimize</c> writes, by its own services (EF Core's internal design-time API:
    /// the tool's own path, so that the comparison is with exactly what the script writes).
    /// </summary>
#pragma warning disable EF1001 // Internal EF Core API: the design-time services builder the tool itself uses.
    private static Dictionary<string, string> Generate(GoldenThreadDb context, string modelNamespace)
    {
        var assembly = typeof(GoldenThreadDb).Assembly;
        var services = new DesignTimeServicesBuilder(assembly, assembly, new OperationReporter(handler: null), []).Build(context);
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = context.GetType(),
            ModelNamespace = modelNamespace,
            Language = "C#",
            UseNullableReferenceTypes = true,
        };
        var generator = services.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options);
        return generator.GenerateModel(context.GetService<IDesignTimeModel>().Model, options)
            .ToDictionary(f => Path.GetFileName(f.Path), f => f.Code, StringComparer.Ordinal);
    }
#pragma warning restore EF1001

    /// <summary>The same code, but for the byte order mark, line endings and the model's id (a new Guid each time it is generated).</summary>
    private static bool SameCode(string a, string b) =>
        string.Equals(Normalised(a), Normalised(b), StringComparison.Ordinal);

    private static string Normalised(string code) =>
        ModelId().Replace(code.ReplaceLineEndings().TrimStart('\uFEFF'), "modelId: new Guid(\"\")");

    [GeneratedRegex("modelId: new Guid\\(\"[0-9a-f-]{36}\"\\)")]
    private static partial Regex ModelId();
}
