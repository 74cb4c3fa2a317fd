using System.Diagnostics.CodeAnalysis;

namespace GoldenThread.Import;

/// <summary>The result of reading a bundle: every row validated, or every problem found (import is all or nothing).</summary>
public sealed class ImportOutcome
{
    private ImportOutcome(Bundle? bundle, IReadOnlyList<ImportProblem> problems, int omitted)
    {
        Bundle = bundle;
        Problems = problems;
        OmittedProblems = omitted;
    }

    /// <summary>The validated rows; null when there is any problem.</summary>
    public Bundle? Bundle { get; }

    /// <summary>The problems found, in file order then line order, up to the first thousand; empty when <see cref="Succeeded"/>.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; }

    /// <summary>How many more problems were found after the last of <see cref="Problems"/>, and only counted.</summary>
    public int OmittedProblems { get; }

    /// <summary>Every problem found, listed or only counted.</summary>
    public int ProblemCount => Problems.Count + OmittedProblems;

    [MemberNotNullWhen(true, nameof(Bundle))]
    public bool Succeeded => Bundle is not null;

    public static ImportOutcome Success(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new ImportOutcome(bundle, [], 0);
    }

    public static ImportOutcome Failure(IReadOnlyList<ImportProblem> problems, int omitted = 0)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfNegative(omitted);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A failed import names at least one problem.", nameof(problems));
        }

        return new ImportOutcome(null, problems, omitted);
    }
}

/// <summary>
/// How far reading a bundle has got, for a progress bar: the file being read, the rows read so far in the
/// whole bundle and, for CSV files, the bytes read out of the total (both 0 for a workbook, whose sizes are not
/// known until its sheets are unpacked).
/// </summary>
public readonly record struct ImportProgress(string File, long RowsRead, long BytesRead, long TotalBytes);
