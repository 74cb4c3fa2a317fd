using GoldenThread.Access;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Indicators;

/// <summary>
/// <c>/indicators/problems</c>: for the central team, every indicator with no active owner or no active deputy, so
/// that each return has somebody to go to.
/// </summary>
[Authorize(Policy = Policies.CentralTeam)]
public sealed class ProblemsModel(GoldenThreadDb db) : PageModel
{
    public IReadOnlyList<IndicatorProblem> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Problems = await IndicatorProblems.ListAsync(db, cancellationToken);
}
