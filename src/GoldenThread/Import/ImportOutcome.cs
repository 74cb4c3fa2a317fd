using System.Diagnostics.CodeAnalysis;

namespace GoldenThread.Import;

/// <summary>The result of reading a bundle: every row validated, or every problem found (import is all or nothing).</summary>
public sealed class ImportOutcome
{
    private ImportOutcome(Bundle? bundle, IReadOnlyList<ImportProblem> problems)
    {
        Bundle = bundle;
        Problems = problems;
    }

    /// <summary>The validated rows; null when there is any problem.</summary>
    public Bundle? Bundle { get; }

    /// <summary>Every problem found, in file order then line order; empty when <see cref="Succeeded"/>.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; }

    [MemberNotNullWhen(true, nameof(Bundle))]
    public bool Succeeded => Bundle is not null;

    public static ImportOutcome Success(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new ImportOutcome(bundle, []);
    }

    public static ImportOutcome Failure(IReadOnlyList<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A failed import names at least one problem.", nameof(problems));
        }

        return new ImportOutcome(null, problems);
    }
}

/// <summary>
/// How far reading a bundle has got, for a progress bar: the file being read, the rows read so far in the
/// whole bundle and, for CSV files, the bytes read out of the total (both 0 for a workbook, whose sizes are not
/// known until its sheets are unpacked).
/// </summary>
public readonly record struct ImportProgress(string File, long RowsRead, long BytesRead, long TotalBytes);
