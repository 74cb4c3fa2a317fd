using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Timetable;

/// <summary>
/// <c>/timetable/pattern</c>: the central team's timetable pattern (each milestone's offsets from the period end in
/// working days, and the quarters it happens in), and generating a year's timetable from it. Also lists the holidays
/// the working days skip.
/// </summary>
[Authorize(Policy = Policies.CentralTeam)]
public sealed class PatternModel(GoldenThreadDb db, TimetableEditor editor, ReportingClock clock) : PageModel
{
    /// <summary>One milestone's fields as shown or entered.</summary>
    public sealed record Row(Milestone Milestone, string? Starts, string? Ends, QuarterSet Quarters);

    public List<Row> Rows { get; } = [];

    public List<FieldError> Errors { get; } = [];

    public bool IsDefault { get; private set; }

    [BindProperty(Name = "year")]
    public string? YearText { get; set; }

    public IReadOnlyList<(Holiday Holiday, bool Added)> Holidays { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pattern = await TimetableStore.PatternAsync(db, cancellationToken);
        foreach (var milestone in Milestones.All)
        {
            var rule = pattern.RuleFor(milestone);
            Rows.Add(new Row(milestone, Number(rule?.StartOffset), Number(rule?.EndOffset), rule?.Quarters ?? QuarterSet.None));
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var rules = new List<MilestoneRule>();
        foreach (var milestone in Milestones.All)
        {
            var word = Codes.Of(milestone);
            var name = Milestones.Name(milestone);
            var startsText = Request.Form[$"{word}-starts"].ToString();
            var endsText = Request.Form[$"{word}-ends"].ToString();
            var quarters = Request.Form[$"{word}-quarters"]
                .Select(q => int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i is >= 1 and <= 4 ? (QuarterSet)(1 << (i - 1)) : QuarterSet.None)
                .Aggregate(QuarterSet.None, (all, q) => all | q);
            Rows.Add(new Row(milestone, startsText, endsText, quarters));
            if (string.IsNullOrWhiteSpace(endsText))
            {
                if (!string.IsNullOrWhiteSpace(startsText) || quarters != QuarterSet.None)
                {
                    Errors.Add(new FieldError($"{word}-ends", $"{name}: enter its working days from the period end, such as 11"));
                }

                continue; // Left out of the pattern.
            }

            var starts = ReadOffset(startsText, $"{word}-starts", $"{name}: the first day");
            var ends = ReadOffset(endsText, $"{word}-ends", name);
            if (ends is { } e && (string.IsNullOrWhiteSpace(startsText) || starts is not null))
            {
                rules.Add(new MilestoneRule(milestone, starts, e, quarters));
            }
        }

        if (Errors.Count == 0)
        {
            foreach (var problem in await editor.SavePatternAsync(rules, await HttpAuditActor.OfAsync(HttpContext), cancellationToken))
            {
                Errors.Add(new FieldError(problem.Milestone is { } m ? $"{Codes.Of(m)}-ends" : "pattern", problem.Message));
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        Notice = "The pattern is saved. Generate a year to give its quarters the new dates.";
        return Redirect("/timetable/pattern");
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken cancellationToken)
    {
        if (!TimetableStore.TryParseYear(YearText, out var year))
        {
            Errors.Add(new FieldError("year", "Enter a financial year such as 2009-10"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OnGetAsync(cancellationToken);
            return Page();
        }

        try
        {
            var result = await editor.GenerateYearAsync(year, await HttpAuditActor.OfAsync(HttpContext), cancellationToken);
            TempData["Notice"] = result.Describe(year);
        }
        catch (UserFacingException e)
        {
            TempData["Problem"] = e.Message;
        }

        return Redirect($"/timetable?year={year.Code}");
    }

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        IsDefault = await TimetableStore.PatternIsDefaultAsync(db, cancellationToken);
        var current = await clock.CurrentPeriodAsync(db, cancellationToken);
        YearText ??= current.FinancialYear.Code;
        var holidays = new List<(Holiday, bool)>();
        foreach (var calendarYear in new[] { current.Year, current.Year + 1 })
        {
            holidays.AddRange(await TimetableStore.HolidaysAsync(db, calendarYear, cancellationToken));
        }

        Holidays = holidays;
    }

    private int? ReadOffset(string text, string field, string what)
    {
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            Errors.Add(new FieldError(field, $"{what} must be a whole number of working days, such as -10 or 11"));
        }

        return null;
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
