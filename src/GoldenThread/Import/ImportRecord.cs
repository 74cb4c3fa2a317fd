using GoldenThread.Audit;

namespace GoldenThread.Import;

/// <summary>
/// Who is importing, from where and what, for the import's entry in the audit trail: the operating-system user
/// and machine at the command line, the file or folder imported, and the clock that dates the entry. With
/// <see cref="SignedOffBy"/>, the values loaded are signed off by that person (<c>import --signed-off --by</c>);
/// without, they are provisional.
/// </summary>
public sealed record ImportRecord(AuditActor Actor, string Source, TimeProvider Clock)
{
    /// <summary>The person who signs off every values row the import loads, or null: the figures are provisional.</summary>
    public ImportSigner? SignedOffBy { get; init; }

    /// <summary>An import run at this machine's command line by its signed-in user.</summary>
    public static ImportRecord CommandLine(string source, TimeProvider clock) =>
        new(new AuditActor(null, $"{Environment.UserName} (command line)", Environment.MachineName), Path.GetFullPath(source), clock);
}

/// <summary>An active person who signs off the figures an import loads: their id, name and email as the records give them.</summary>
public sealed record ImportSigner(int Id, string Name, string Email)
{
    /// <summary>The reason the sign-off's records carry.</summary>
    public string Reason => $"Signed off by {Name} <{Email}> when imported with --signed-off.";
}
