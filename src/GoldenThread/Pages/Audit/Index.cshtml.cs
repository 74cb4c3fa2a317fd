using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Pages.Admin;
using GoldenThread.Pages.Scorecard;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Audit;

/// <summary>
/// <c>/audit</c>: the audit trail, newest first, <see cref="AuditQuery.PageSize"/> entries a page, filtered by
/// action, person and dates. Administrators and auditors read it; nothing on it changes anything.
/// </summary>
[Authorize(Policy = Policies.AuditTrail)]
public sealed class IndexModel(GoldenThreadDb db) : PageModel
{
    public AuditFilter Filter { get; private set; } = new();

    public List<FieldError> Errors { get; } = [];

    public AuditPage Entries { get; private set; } = new([], 0, 1, 1);

    /// <summary>What was typed into the date boxes, shown again as it was even when it was not a date.</summary>
    public string? FromText { get; private set; }

    public string? ToText { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (filter, errors) = AuditFilter.FromQuery(name => Request.Query[name].FirstOrDefault());
        Filter = filter;
        Errors.AddRange(errors);
        FromText = Request.Query["from"].FirstOrDefault();
        ToText = Request.Query["to"].FirstOrDefault();
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Entries = await AuditQuery.PageAsync(db, filter, cancellationToken);
    }

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    public SelectField ActionField
    {
        get
        {
            var options = new List<SelectOption> { new(string.Empty, "All actions") };
            options.AddRange(AuditActions.All.Select(a => new SelectOption(a, AuditActions.Describe(a))).OrderBy(o => o.Text, StringComparer.Ordinal));
            return new SelectField("action", "Action", [new SelectGroup(null, options)], Filter.Action ?? string.Empty, ErrorFor("action"));
        }
    }

    public TextField PersonField => new("person", "Person", Filter.Person, ErrorFor("person"), "Part of an email address: who did it, or to whom", "text", "off", "govuk-!-width-full") { Spellcheck = false };

    public TextField FromField => new("from", "From", FromText, ErrorFor("from"), "The first day, in UTC", "date", "off");

    public TextField ToField => new("to", "To", ToText, ErrorFor("to"), "The last day, in UTC", "date", "off");

    public string PageHref(int page) => "/audit" + Filter.QueryString(page);

    public string DownloadHref => "/audit/download" + Filter.QueryString();
}
