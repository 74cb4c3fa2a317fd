using GoldenThread.Access;
using GoldenThread.Worker;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Admin;

/// <summary>
/// <c>/admin/jobs</c>: the background jobs: what is queued, what is running (which worker holds it, and until when),
/// what failed (with the error and attempts, and buttons to retry or discard it, audited), and what succeeded lately.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class JobsModel(JobQueries jobs, TimeProvider clock, WorkerSettings settings) : AdminPageModel
{
    public JobsOverview Jobs { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>How many days succeeded jobs are kept before the daily clean-up deletes them.</summary>
    public int KeepSucceededDays => (int)settings.KeepSucceeded.TotalDays;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public Task<IActionResult> OnPostRetryAsync([FromForm(Name = "job")] long job, [FromServices] RetryJob retry, CancellationToken cancellationToken) =>
        ChangeAsync(async () => await retry.RunAsync(await ActorAsync(), job, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDiscardAsync([FromForm(Name = "job")] long job, [FromServices] DiscardJob discard, CancellationToken cancellationToken) =>
        ChangeAsync(async () => await discard.RunAsync(await ActorAsync(), job, cancellationToken), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Task<Administration.AdminChange>> change, CancellationToken cancellationToken)
    {
        if (Done(await change()))
        {
            return Redirect("/admin/jobs");
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Jobs = await jobs.OverviewAsync(cancellationToken);
    }
}
