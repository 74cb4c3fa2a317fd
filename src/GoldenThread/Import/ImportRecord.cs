using GoldenThread.Audit;

namespace GoldenThread.Import;

/// <summary>
/// Who is importing, from where and what, for the import's entry in the audit trail: the operating-system user
/// and machine at the command line, the file or folder imported, and the clock that dates the entry.
/// </summary>
public sealed record ImportRecord(AuditActor Actor, string Source, TimeProvider Clock)
{
    /// <summary>An import run at this machine's command line by its signed-in user.</summary>
    public static ImportRecord CommandLine(string source, TimeProvider clock) =>
        new(new AuditActor(null, $"{Environment.UserName} (command line)", Environment.MachineName), Path.GetFullPath(source), clock);
}
