using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Pages.Scorecard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Admin;

/// <summary>
/// What the administration pages share: the problems to show against fields, and the "success" banner that a
/// change leaves for the page it redirects to (post, redirect, get).
/// </summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>What the last change did, shown once in a success banner.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>More words for the success banner, such as what the person does next.</summary>
    [TempData]
    public string? NoticeDetail { get; set; }

    public List<FieldError> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    /// <summary>"Error: " before the title when the page shows problems, as GOV.UK pages do.</summary>
    public string Title(string title) => (Errors.Count > 0 ? "Error: " : "") + title;

    protected Task<AuditActor> ActorAsync() => HttpAuditActor.OfAsync(HttpContext);

    /// <summary>After a change: the banner and a redirect; after a refusal: the problems, for the page to show again.</summary>
    protected bool Done(AdminChange change, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!change.Succeeded)
        {
            Errors.AddRange(change.Errors);
            return false;
        }

        Notice = change.Done;
        NoticeDetail = detail;
        return true;
    }
}

/// <summary>The selects the administration pages share.</summary>
public static class AdminFields
{
    /// <summary>The organisations by name, valued by code; the first option is <paramref name="none"/> with an empty value.</summary>
    public static SelectField Organisation(IEnumerable<OrganisationSummary> organisations, string? selected, string? error, string label, string none)
    {
        var options = new List<SelectOption> { new(string.Empty, none) };
        options.AddRange(organisations.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => new SelectOption(o.Code, $"{o.Name} ({o.Code})")));
        return new SelectField("organisation", label, [new SelectGroup(null, options)], selected ?? string.Empty, error);
    }
}
