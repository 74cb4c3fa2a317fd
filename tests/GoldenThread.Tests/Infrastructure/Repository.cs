namespace GoldenThread.Tests.Infrastructure;

/// <summary>Paths inside the repository, found from the test assembly's folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string DemoBundle => Path.Combine(Root, "src", "GoldenThread", "Demo", "Bundle");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GoldenThread.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with GoldenThread.slnx) is not above the test assembly.");
    }
}
