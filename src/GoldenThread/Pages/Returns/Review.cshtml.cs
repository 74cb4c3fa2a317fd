using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Returns;
using GoldenThread.Exceptions;
using GoldenThread.History;
using GoldenThread.Returns;
using GoldenThread.Returns.Review;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Returns;

/// <summary>
/// <c>/returns/{id}/review</c>: one return as the central team checks it (issue 10, items 3 and 7): the submitted figures
/// with their movement notes, the exception reports, the query history and the record of every change, and the actions
/// its state allows (accept, query, sign off, reopen, chase). Auditors read it; only the central team acts, and each
/// action is checked again for this return (<see cref="AccessRules.MayQualityAssure"/>, <see cref="AccessRules.MaySignOff"/>).
/// </summary>
[Authorize(Policy = Policies.ReturnsReview)]
public sealed class ReviewModel(GoldenThreadDb db, ReportingClock clock, CurrentPerson current, ReturnReview review, Reminders.ReminderQueue reminders) : PageModel
{
    /// <summary>One line of the return with the values row it wrote.</summary>
    public sealed record LineView(ReturnLine Line, string IndicatorCode, string IndicatorTitle, string AreaCode, GoldenThread.Indicators.IndicatorValue? Value);

    /// <summary>One exception report of the return's quarter, for one of its indicators and areas.</summary>
    public sealed record ExceptionView(string IndicatorCode, string AreaCode, ExceptionReport Report);

    /// <summary>A query and the answer it got (null while unanswered).</summary>
    public sealed record QueryView(ReturnReviewStep Step, string? Answer);

    public List<FieldError> Errors { get; } = [];

    [TempData]
    public string? Notice { get; set; }

    [BindProperty(Name = "query")]
    public string? QueryText { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public Return Return { get; private set; } = null!;

    public ReturnSummary Summary { get; private set; } = null!;

    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<LineView> Lines { get; private set; } = [];

    public IReadOnlyList<ExceptionView> Exceptions { get; private set; } = [];

    public IReadOnlyList<ReturnReviewStep> Steps { get; private set; } = [];

    public IReadOnlyList<QueryView> Queries { get; private set; } = [];

    public IReadOnlyList<FigureRecord> Records { get; private set; } = [];

    /// <summary>The actions this person may take now, from the return's state and their roles.</summary>
    public IReadOnlyList<ReviewAction> Actions { get; private set; } = [];

    /// <summary>Why the person cannot sign off a return that is ready for it (four eyes), or null.</summary>
    public string? SignOffBarred { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string? action, CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null || !person.IsCentralTeam)
        {
            return Forbid();
        }

        var request = new ReviewRequest(await HttpAuditActor.OfAsync(HttpContext), person.Actor);
        var outcome = action switch
        {
            "accept" => await review.AcceptAsync(id, request, cancellationToken),
            "query" => await review.QueryAsync(id, QueryText, request, cancellationToken),
            "sign-off" => await review.SignOffAsync(id, request, cancellationToken),
            "reopen" => await review.ReopenAsync(id, Reason, request, cancellationToken),
            "chase" => await review.ChaseAsync(id, request, cancellationToken),
            _ => AdminChange.Refused("actions", "Choose an action: accept, query, sign off, reopen or chase"),
        };
        if (outcome.Succeeded)
        {
            if (action == "query")
            {
                // The partner hears of the query now rather than at the next daily plan (which still finds it if this is missed).
                await reminders.QueryRaisedAsync(id, cancellationToken);
            }

            Notice = outcome.Done;
            return Redirect($"/returns/{id}/review");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Errors.AddRange(outcome.Errors.Select(e => e.Field == "return" ? e with { Field = "actions" } : e));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    public string NameOf(int? personId) => personId is { } id && Names.TryGetValue(id, out var name) ? name : "";

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Returns.AsNoTracking()
            .Include(r => r.Assignee)
            .Include(r => r.Organisation)
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (found is null)
        {
            return false;
        }

        Return = found;
        Summary = (await ReturnsOverview.ReadAsync(db, found.Period, clock.Today, cancellationToken, found.Id)).Single();
        var lines = await db.ReturnLines.AsNoTracking()
            .Where(l => l.ReturnId == id)
            .Select(l => new { Line = l, IndicatorCode = l.Indicator!.Code, IndicatorTitle = l.Indicator.Title, AreaCode = l.Area!.Code })
            .ToListAsync(cancellationToken);
        var indicatorIds = lines.Select(l => l.Line.IndicatorId).Distinct().ToList();
        var periods = lines.Select(l => l.Line.Period).Distinct().ToList();
        var values = (await db.Values.AsNoTracking()
                .Where(v => indicatorIds.Contains(v.IndicatorId) && periods.Contains(v.Period))
                .ToListAsync(cancellationToken))
            .ToDictionary(v => (v.IndicatorId, v.AreaId, v.Period));
        Lines =
        [
            .. lines
                .OrderBy(l => l.IndicatorCode, GoldenThread.Indicators.IndicatorCodeOrder.Instance)
                .ThenBy(l => l.AreaCode, StringComparer.Ordinal)
                .ThenBy(l => l.Line.Period, StringComparer.Ordinal)
                .Select(l => new LineView(l.Line, l.IndicatorCode, l.IndicatorTitle, l.AreaCode, values.GetValueOrDefault((l.Line.IndicatorId, l.Line.AreaId, l.Line.Period)))),
        ];
        var pairs = lines.Select(l => (l.Line.IndicatorId, l.Line.AreaId)).ToHashSet();
        var codes = lines.Select(l => (l.Line.IndicatorId, l.Line.AreaId, l.IndicatorCode, l.AreaCode)).Distinct().ToDictionary(x => (x.IndicatorId, x.AreaId), x => (x.IndicatorCode, x.AreaCode));
        Exceptions =
        [
            .. (await db.ExceptionReports.AsNoTracking().Where(e => e.Period == found.Period && e.Kind == Domain.Intervention.ExceptionKind.Performance && indicatorIds.Contains(e.IndicatorId)).ToListAsync(cancellationToken))
                .Where(e => pairs.Contains((e.IndicatorId, e.AreaId)))
                .Select(e => new ExceptionView(codes[(e.IndicatorId, e.AreaId)].IndicatorCode, codes[(e.IndicatorId, e.AreaId)].AreaCode, e))
                .OrderBy(e => e.IndicatorCode, GoldenThread.Indicators.IndicatorCodeOrder.Instance)
                .ThenBy(e => e.AreaCode, StringComparer.Ordinal),
        ];
        Steps = await db.ReturnReviewSteps.AsNoTracking().Where(s => s.ReturnId == id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        Queries = QueryHistory(found, Steps);
        Records = await db.FigureRecords.AsNoTracking().Where(r => r.ReturnId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var people = new[] { found.SubmittedById, found.QualityAssuredById, found.SignedOffById }.OfType<int>().Distinct().ToList();
        Names = await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, cancellationToken);

        var person = await current.GetAsync(cancellationToken);
        if (person is { IsCentralTeam: true } && AccessRules.MayQualityAssure(person.Actor, Summary.Reviewed))
        {
            Actions = ReviewRules.Available(found.State);
            if (Actions.Contains(ReviewAction.SignOff) && !AccessRules.MaySignOff(person.Actor, person.Id, Summary.Reviewed))
            {
                SignOffBarred = person.Id == found.AssigneeId
                    ? "This return is yours, so someone else must sign it off."
                    : "You submitted this return, so someone else must sign it off.";
            }
        }

        return true;
    }

    /// <summary>
    /// Each query with its answer: the answer kept with the next acceptance or query, or the return's own answer when it
    /// has been submitted again since the last query.
    /// </summary>
    private static List<QueryView> QueryHistory(Return r, IReadOnlyList<ReturnReviewStep> steps)
    {
        var history = new List<QueryView>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Action != ReviewAction.Query)
            {
                continue;
            }

            var next = steps.Skip(i + 1).FirstOrDefault(s => s.Action is ReviewAction.Accept or ReviewAction.Query);
            var answer = next is not null ? next.Answer : r.QueryAnswer;
            history.Add(new QueryView(steps[i], answer));
        }

        return history;
    }
}
