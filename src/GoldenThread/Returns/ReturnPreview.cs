using GoldenThread.Domain.Indicators;
using GoldenThread.Storage;
using GoldenThread.Timetable;

namespace GoldenThread.Returns;

/// <summary>
/// What a return's figures will give, before they are saved: the same checks as <see cref="ReturnEntry"/>, with
/// nothing written. The caller has decided the person may read the return.
/// </summary>
public sealed class ReturnPreview(GoldenThreadDb db, ReportingClock clock, FigureLimits limits)
{
    /// <summary>The preview of one line with <paramref name="input"/> in place of its draft; null when the return or the line does not exist.</summary>
    public async Task<LinePreview?> ForAsync(int returnId, LineInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var snapshot = await ReturnSnapshot.LoadAsync(db, returnId, cancellationToken);
        if (snapshot is null || snapshot.Lines.All(l => l.Id != input.LineId))
        {
            return null;
        }

        snapshot.Apply([input], DateTimeOffset.MinValue, null);
        return snapshot.Evaluate(clock.Today, limits).Lines.Single(l => l.LineId == input.LineId);
    }

    /// <summary>Every line's preview with the drafts as saved; null when there is no such return.</summary>
    public async Task<IReadOnlyList<LinePreview>?> ForReturnAsync(int returnId, CancellationToken cancellationToken)
    {
        var snapshot = await ReturnSnapshot.LoadAsync(db, returnId, cancellationToken);
        return snapshot?.Evaluate(clock.Today, limits).Lines;
    }
}
