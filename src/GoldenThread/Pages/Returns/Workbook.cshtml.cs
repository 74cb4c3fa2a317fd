using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.History;
using GoldenThread.Returns;
using GoldenThread.Returns.Workbook;
using GoldenThread.Storage;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Returns;

/// <summary>
/// <c>/returns/{id}/workbook</c>: a return by spreadsheet (issue 10, item 5). The page offers the return's workbook
/// (<see cref="WorkbookDownloadModel"/>) and takes it back filled in: the upload is checked as the web form is, all or
/// nothing, and every problem is listed at once with its cell. The person chooses to submit, or to save the figures as
/// a draft (to look at on the site and submit there, or to upload again). Open to whoever may enter the return.
/// </summary>
public sealed class WorkbookModel(GoldenThreadDb db, CurrentPerson current, WorkbookUpload upload) : PageModel
{
    public const string SubmitAction = "submit";
    public const string SaveAction = "save";

    public WorkbookReturnSummary Return { get; private set; } = null!;

    public List<FieldError> Errors { get; } = [];

    /// <summary>The upload's problems by cell, listed in full on the page.</summary>
    public IReadOnlyList<WorkbookProblem> Problems { get; private set; } = [];

    public IReadOnlyList<WorkbookProblem> Warnings { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The warnings of the last upload that was saved, one a line, shown once after it.</summary>
    [TempData]
    public string? NoticeWarnings { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    [BindProperty(Name = "query-answer")]
    public string? QueryAnswer { get; set; }

    public bool IsOpen => Domain.Returns.ReturnStates.IsOpenForEntry(Return.State);

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, IFormFile? file, string? action, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (file is null || file.Length == 0)
        {
            Errors.Add(new FieldError("file", "Choose the filled-in workbook (.xlsx) to upload"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var person = (await current.GetAsync(cancellationToken))!;
        var submit = !string.Equals(action, SaveAction, StringComparison.Ordinal);
        var request = new EntryRequest(await HttpAuditActor.OfAsync(HttpContext), person.Actor, FigureSources.Workbook, Reason, QueryAnswer);
        await using var stream = file.OpenReadStream();
        var outcome = await upload.UploadAsync(id, stream, request, submit, cancellationToken);
        switch (outcome)
        {
            case UploadOutcome.Submitted submitted:
                Notice = $"The workbook was uploaded and the return for {Return.Period} submitted ({Lines(submitted.Lines)}).";
                NoticeWarnings = Joined(submitted.Warnings);
                return RedirectToPage(new { id });
            case UploadOutcome.Saved saved:
                Notice = $"The workbook was uploaded and its figures saved as a draft ({Lines(saved.Lines)}); the return is not yet submitted.";
                NoticeWarnings = Joined(saved.Warnings);
                return RedirectToPage(new { id });
            case UploadOutcome.NotFound:
                return NotFound();
            case UploadOutcome.Refused refused:
                await AccessAudit.DeniedAsync(HttpContext, refused.Detail);
                return Forbid();
            case UploadOutcome.Closed closed:
                Errors.Add(new FieldError("file", closed.Detail));
                break;
            case UploadOutcome.Invalid invalid:
                Problems = invalid.Problems;
                Warnings = invalid.Warnings;
                if (invalid.Problems.Count > 0)
                {
                    Errors.Add(new FieldError("file", invalid.Problems.Count == 1
                        ? "The workbook has a problem, listed below; nothing was saved"
                        : $"The workbook has {invalid.Problems.Count} problems, listed below; nothing was saved"));
                }

                foreach (var problem in invalid.FormProblems)
                {
                    Errors.Add(new FieldError(problem.Field == "query_answer" ? "query-answer" : "reason", problem.Message));
                }

                break;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The return, or the answer when there is none or the person may not enter it.</summary>
    private async Task<IActionResult?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        var (found, may) = await WorkbookAccess.FindAsync(db, id, person, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (!may)
        {
            await AccessAudit.DeniedAsync(HttpContext, $"may not enter return {id}");
            return Forbid();
        }

        Return = found;
        return null;
    }

    private static string Lines(int count) => count == 1 ? "1 line" : $"{count} lines";

    private static string? Joined(IReadOnlyList<WorkbookProblem> warnings) =>
        warnings.Count == 0 ? null : string.Join("\n", warnings.Select(w => w.ToString()));
}
