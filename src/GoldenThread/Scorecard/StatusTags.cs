using GoldenThread.Domain.Assessment;

namespace GoldenThread.Scorecard;

/// <summary>
/// The GOV.UK tag colour for each status. The tag always carries the status in words as well, so colour is
/// never the only signal (WCAG 1.4.1).
/// </summary>
public static class StatusTags
{
    public static string CssClass(this Status status) => status switch
    {
        Status.Red => "govuk-tag govuk-tag--red",
        Status.Amber => "govuk-tag govuk-tag--yellow",
        Status.Green => "govuk-tag govuk-tag--green",
        Status.StrongGreen => "govuk-tag govuk-tag--teal",
        Status.NoData => "govuk-tag govuk-tag--grey",
        Status.DataOnly => "govuk-tag", // GOV.UK Frontend's own tag is blue; there is no --blue modifier.
        Status.NoTarget => "govuk-tag govuk-tag--purple",
        _ => "govuk-tag",
    };
}
