using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Indicators;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Settings;

/// <summary>
/// <c>/settings/tolerances</c>: the system-wide amber tolerance and strong green threshold, which the central team
/// set and every scorecard, page and API answer then uses (an indicator's own tolerances still override them).
/// Each change is audited with the old and new values.
/// </summary>
[Authorize(Policy = Policies.CentralTeam)]
public sealed class TolerancesModel(GoldenThreadDb db, AuditLog audit, TimeProvider time) : PageModel
{
    /// <summary>The most decimal places a tolerance may have: finer bands mean nothing for a percentage of a target.</summary>
    public const int MaxDecimals = 2;

    [BindProperty(Name = "amber")]
    public string? Amber { get; set; }

    [BindProperty(Name = "strong-green")]
    public string? StrongGreen { get; set; }

    public List<FieldError> Errors { get; } = [];

    /// <summary>What the last change did, shown once in a success banner.</summary>
    [TempData]
    public string? Notice { get; set; }

    public Tolerances Current { get; private set; } = Tolerances.Default;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        Amber = GoldenThread.Indicators.Figures.Percent(Current.Amber);
        StrongGreen = GoldenThread.Indicators.Figures.Percent(Current.StrongGreen);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Current = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        var amber = Read("amber", "amber tolerance", Amber);
        var strongGreen = Read("strong-green", "strong green threshold", StrongGreen);
        if (amber is not { } a || strongGreen is not { } g)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var stored = await db.ToleranceSettings.AsTracking().SingleOrDefaultAsync(t => t.Id == ToleranceSetting.SystemId, cancellationToken);
        if (stored is null)
        {
            stored = new ToleranceSetting();
            db.ToleranceSettings.Add(stored);
        }

        stored.AmberPercent = a;
        stored.StrongGreenPercent = g;
        stored.ChangedAt = time.GetUtcNow();
        audit.Add(
            await HttpAuditActor.OfAsync(HttpContext),
            AuditActions.TolerancesChanged,
            $"Amber tolerance {GoldenThread.Indicators.Figures.Percent(Current.Amber)}% to {GoldenThread.Indicators.Figures.Percent(a)}%; strong green threshold {GoldenThread.Indicators.Figures.Percent(Current.StrongGreen)}% to {GoldenThread.Indicators.Figures.Percent(g)}%.");
        await db.SaveChangesAsync(cancellationToken);
        Notice = $"The tolerances are now {GoldenThread.Indicators.Figures.Percent(a)}% (amber) and {GoldenThread.Indicators.Figures.Percent(g)}% (strong green).";
        return Redirect("/settings/tolerances");
    }

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    /// <summary>A percentage from 0 to <see cref="ToleranceSetting.MaxPercent"/>, with at most two places; a "%" after it is allowed.</summary>
    private decimal? Read(string field, string name, string? text)
    {
        var trimmed = text?.Trim().TrimEnd('%').TrimEnd() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            Errors.Add(new FieldError(field, $"Enter the {name}, a percentage such as 10"));
            return null;
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            Errors.Add(new FieldError(field, $"The {name} must be a number, such as 10 or 7.5"));
            return null;
        }

        if (value > ToleranceSetting.MaxPercent)
        {
            Errors.Add(new FieldError(field, $"The {name} must be between 0 and {GoldenThread.Indicators.Figures.Percent(ToleranceSetting.MaxPercent)}"));
            return null;
        }

        if (value != Math.Round(value, MaxDecimals))
        {
            Errors.Add(new FieldError(field, $"The {name} can have at most {MaxDecimals} decimal places"));
            return null;
        }

        return value;
    }
}
