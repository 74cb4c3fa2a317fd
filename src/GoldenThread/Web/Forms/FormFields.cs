using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;
using GoldenThread.Scorecard;

namespace GoldenThread.Web.Forms;

/// <summary>The selects of the scorecard and home pages, built from what is stored.</summary>
public static class FormFields
{
    /// <summary>Names for the framework tags people are likely to meet; any other tag is shown as it is.</summary>
    private static readonly Dictionary<string, string> FrameworkNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NIS"] = "National Indicator Set (NIS)",
        ["LAA"] = "Local Area Agreement (LAA)",
    };

    public static string? ErrorFor(IEnumerable<FieldError> errors, string field) =>
        errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    /// <summary>The quarters latest first, then the years; a period asked for that is neither (a month) is added.</summary>
    public static SelectField Period(ScorecardChoices choices, Period? selected, string? asked, string? error)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var quarters = choices.Quarters.Reverse().Select(q => new SelectOption(q.Code, q.DisplayName)).ToList();
        var years = choices.Extent.Years.Select(y => new SelectOption(y.Code, y.DisplayName + " (the whole year)")).ToList();
        var groups = new List<SelectGroup> { new("Quarters", quarters), new("Years", years) };
        if (selected is { } s && !quarters.Concat(years).Any(o => o.Value == s.Code))
        {
            groups.Insert(0, new SelectGroup("Other periods", [new SelectOption(s.Code, s.DisplayName)]));
        }

        return new SelectField("period", "Period", groups, selected?.Code ?? asked, error);
    }

    public static SelectField Area(ScorecardChoices choices, AreaChoice? selected, string? error)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var options = new List<SelectOption> { new(string.Empty, "All areas") };
        options.AddRange(choices.Areas.Select(a => new SelectOption(a.Code, a.Label)));
        return new SelectField("area", "Area", [new SelectGroup(null, options)], selected?.Code ?? string.Empty, error);
    }

    public static SelectField Body(ScorecardChoices choices, BodyChoice? selected, string? error)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var options = new List<SelectOption> { new(string.Empty, "All bodies") };
        options.AddRange(choices.Bodies.Select(b => new SelectOption(b.Code, b.Name)));
        return new SelectField("body", "Accountable body", [new SelectGroup(null, options)], selected?.Code ?? string.Empty, error);
    }

    public static SelectField Framework(ScorecardChoices choices, string? selected, string? error)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var options = new List<SelectOption> { new(string.Empty, "All frameworks") };
        options.AddRange(choices.Frameworks.Select(f => new SelectOption(f, FrameworkNames.GetValueOrDefault(f, f))));
        return new SelectField("framework", "Framework", [new SelectGroup(null, options)], selected ?? string.Empty, error);
    }

    public static SelectField Status(Status? selected, string? error)
    {
        var options = new List<SelectOption> { new(string.Empty, "All statuses") };
        options.AddRange(StatusCounts.Order.Select(s => new SelectOption(s.Code(), s.Name())));
        return new SelectField("status", "Status", [new SelectGroup(null, options)], selected?.Code() ?? string.Empty, error);
    }
}
