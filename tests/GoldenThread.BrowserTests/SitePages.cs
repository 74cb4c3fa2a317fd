using GoldenThread.Demo;
using GoldenThread.Domain.Access;

namespace GoldenThread.BrowserTests;

/// <summary>One address on the site to visit: a short name (also the screenshot's file name), the status it should answer, and an element it must show.</summary>
public sealed record SitePage(string Name, string Path, string MustShow, int Status = 200, Role? As = Role.PerformanceOfficer);

/// <summary>
/// Every page of the site, over the demonstration partnership: each kind of indicator (quarterly, monthly, annual,
/// data only, zero target), the scorecard filtered and sorted, a form error, and the not-found page.
/// </summary>
public static class SitePages
{
    public static IReadOnlyList<SitePage> All { get; } =
    [
        new("start-page", "/", "main h1", As: null),
        new("sign-in", "/account/sign-in", "main h1", As: null),
        new("accessibility-public", "/accessibility", "main h1", As: null),
        new("access-denied", "/admin", "main h1", Status: 403),
        new("signed-out", "/account/signed-out", "main h1", As: null),
        new("home", "/", "main h1"),
        new("scorecard", "/scorecard", "main table"),
        new("scorecard-area", "/scorecard?area=HRT", "main table"),
        new("scorecard-body", "/scorecard?body=SSC", "main table"),
        new("scorecard-framework", "/scorecard?framework=LAA", "main table"),
        new("scorecard-sorted-by-pvt", $"/scorecard?period={DemoBundle.LatestQuarter}&area=&sort=pvt&dir=desc", "main table"),
        // A period that cannot be read is a bad request: the page answers 400 with the GOV.UK error summary.
        new("scorecard-bad-period", "/scorecard?period=2009-10-Q9", ".govuk-error-summary", Status: 400),
        new("indicators", "/indicators", "main table"),
        new("indicator-quarterly", "/indicators/NI%2016?area=WSX", "main table"),
        new("indicator-quarterly-district", "/indicators/NI%2016?area=HRT", "main table"),
        new("indicator-monthly", "/indicators/NI%2020?area=WSX", "main table"),
        new("indicator-annual", "/indicators/NI%20112?area=WSX", "main table"),
        new("indicator-data-only", "/indicators/NI%20113?area=WSX", "main table"),
        new("indicator-zero-target", "/indicators/NI%2039?area=WSX", "main table"),
        new("area-comparison", "/indicators/NI%2016/areas", "main table"),
        new("indicator-edit", "/indicators/NI%2016/edit", "main form"),
        new("indicator-problems", "/indicators/problems", "main h1"),
        new("api", "/api", "main h1"),
        new("timetable-public", "/timetable", "main h1", As: null),
        new("timetable", "/timetable", "main h1"),
        new("timetable-pattern", "/timetable/pattern", "main h1"),
        new("timetable-edit", $"/timetable/{DemoBundle.LatestQuarter}/edit", "main h1"),
        new("accessibility", "/accessibility", "main h1"),
        new("not-found", "/no-such-page", "main h1", Status: 404),

        // Accounts.
        new("forgot-password", "/account/forgot-password", "main h1", As: null),
        new("reset-password", "/account/reset-password?email=someone%40wessexshire.example&code=not-a-real-code", "main h1", As: null),
        new("your-account", "/account", "main h1"),
        new("change-password", "/account/change-password", "main h1"),
        // As the target sponsor: making an authenticator key renews the person's security stamp, which ends their
        // other sessions, and the performance officer's is shared by most of these pages.
        new("authenticator-set-up", "/account/authenticator", "main h1", As: Role.TargetSponsor),
        new("two-factor-turn-off", "/account/two-factor/turn-off", "main h1", As: Role.TargetSponsor),
        new("api-tokens", "/account/tokens", "main h1"),
        new("my-tasks", "/tasks", "main h1"),
        new("my-tasks-owner", "/tasks", "main h1", As: Role.IndicatorOwner),

        // Bodies and their business (issue 11): the list, a partnership and the executive board, the board's next
        // meeting's agenda ("next" redirects to its date), and naming the chair and secretary.
        new("bodies", "/bodies", "main table"),
        new("body", "/bodies/SSC", "main h1", As: Role.BodyMember),
        new("body-executive-board", "/bodies/WEB", "main h1"),
        new("body-meeting", "/bodies/WEB/meetings/next", "main h1", As: Role.BodyMember),
        new("body-edit", "/bodies/SSC/edit", "main form", As: Role.Administrator),
        new("sessions", "/account/sessions", "main table"),
        new("confirm-its-you", "/account/confirm?returnUrl=%2Faccount%2Ftokens", "main h1"),

        // Administration, as the administrator (signed in with an authenticator code).
        new("admin", "/admin", "main h1", As: Role.Administrator),
        new("admin-organisations", "/admin/organisations", "main table", As: Role.Administrator),
        new("admin-organisation", "/admin/organisations/1", "main h1", As: Role.Administrator),
        new("admin-people", "/admin/people", "main table", As: Role.Administrator),
        new("admin-people-search", "/admin/people?q=police", "main h1", As: Role.Administrator),
        new("admin-add-person", "/admin/people/add", "main h1", As: Role.Administrator),
        new("admin-person", "/admin/people/5", "main h1", As: Role.Administrator),
        new("admin-grant-choose-role", "/admin/people/5/grant", "main h1", As: Role.Administrator),
        new("admin-grant-delivery-lead", "/admin/people/5/grant?role=delivery_lead", "main h1", As: Role.Administrator),
        new("admin-grant-body-member", "/admin/people/5/grant?role=body_member", "main h1", As: Role.Administrator),
        new("admin-jobs", "/admin/jobs", "main h1", As: Role.Administrator),

        // The returns dashboard (by organisation and by body) and a return's review, as the performance officer and the auditor.
        new("returns-dashboard", "/returns/dashboard", "main table"),
        new("returns-dashboard-by-body", "/returns/dashboard?by=body", "main table", As: Role.Auditor),
        new("returns-dashboard-bad-period", "/returns/dashboard?period=2009-10", ".govuk-error-summary", Status: 400),
        new("return-review", "/returns/{return:morgan.lee}/review", "main h1"),
        new("return-review-queried", "/returns/{return:indicator.owner}/review", "main h1", As: Role.Auditor),

        // Returns. The demonstration's cycle (Demo/DemoCycle.cs) gives each assignee's 2009/10 Q2 return a state of its own:
        // Morgan Lee's is quality-assured, the police indicator owner's queried, the delivery lead's in progress. A path
        // names a return by its assignee ({return:delivery.lead}) and the return's first line ({line:delivery.lead}),
        // found when the page is visited (BrowserSite.ResolveAsync), not by ids that follow the issuer's order.
        new("your-returns", "/returns", "main h1", As: Role.DeliveryLead),
        new("return-task-list", "/returns/{return:delivery.lead}", "main h1", As: Role.DeliveryLead),
        new("return-line", "/returns/{return:delivery.lead}/lines/{line:delivery.lead}", "main h1", As: Role.DeliveryLead),
        new("return-check", "/returns/{return:delivery.lead}/check", "main h1", As: Role.DeliveryLead),
        new("return-workbook", "/returns/{return:delivery.lead}/workbook", "main h1", As: Role.DeliveryLead),
        new("return-queried", "/returns/{return:indicator.owner}", "main h1", As: Role.IndicatorOwner),
        new("return-queried-line", "/returns/{return:indicator.owner}/lines/{line:indicator.owner}", "main h1", As: Role.IndicatorOwner),
        new("return-queried-check", "/returns/{return:indicator.owner}/check", "main h1", As: Role.IndicatorOwner),

        // Exception reports (issue 11): the list, a body's list for its next meeting, a bad filter, and one report (the
        // demonstration's returns write their exception reports through ReturnEntry, so report 1 exists).
        new("exceptions", "/exceptions", "main h1"),
        new("exceptions-body", "/exceptions?body=SSC", "main h1", As: Role.BodyMember),
        new("exceptions-bad-filter", "/exceptions?state=lost", ".govuk-error-summary", Status: 400),
        new("exception", "/exceptions/1", "main h1"),
        new("exception-delivery-lead", "/exceptions/1", "main h1", As: Role.DeliveryLead),

        // The ladder of intervention (issue 11): who is at which stage and why, setting a stage by hand (the
        // administrator acts for the executive board), and escalations.
        new("ladder", "/ladder", "main h1"),
        new("ladder-body", $"/ladder?period={DemoBundle.LatestQuarter}&body=SSC", "main h1"),
        new("ladder-bad-period", "/ladder?period=2009-10-Q9", ".govuk-error-summary", Status: 400),
        new("ladder-trigger-new", "/ladder/triggers/new?indicator=NI%2016&area=HRT", "main form", As: Role.Administrator),
        new("escalations", "/escalations", "main h1"),
        new("escalation-new", "/escalations/new?indicator=NI%2015&area=HRT", "main form", As: Role.DeliveryLead),
        // What can be done about a pair, linked from its pages (issue 11): the indicator page and the ladder with the
        // executive board's links, and a form reached from them with the pair chosen.
        new("indicator-pair-actions", "/indicators/NI%2016?area=HRT", "main #act", As: Role.Administrator),
        new("ladder-pair-actions", "/ladder", "main #ladder-entries", As: Role.Administrator),
        new("action-plans-pair-chosen", "/action-plans?indicator=NI%2015&area=HRT#new-plan", "main form select", As: Role.DeliveryLead),

        // The demonstration's exceptions and ladder (Demo/DemoCycle.Intervention.cs), played into an empty database in
        // order, so their ids are stable: Q1's exception reports are 1-14 (9 closed on recovery at Q2), Q2's 15-28 (15
        // challenged, 16 answered, 17 noted, 27 closed by the central team), the data-quality ones from 29 (30 drafted);
        // action 1 is the stage 1 action, plan 1 the agreed stage 2 plan (its actions 2 and 3); report request 1 answered
        // and considered, 2 still open; trigger 1 active, 2 cleared; escalation 1 at the strategic board.
        new("exception-challenged", "/exceptions/15", "main h1", As: Role.IndicatorOwner),
        new("exception-answered", "/exceptions/16", "main h1", As: Role.BodyMember),
        new("exception-closed-on-recovery", "/exceptions/9", "main h1"),
        new("exception-closed-by-central-team", "/exceptions/27", "main h1", As: Role.Auditor),
        new("exception-data-quality", "/exceptions/30", "main h1"),
        new("stage-one-action", "/actions/1", "main h1", As: Role.IndicatorOwner),
        new("action-plan", "/action-plans/1", "main h1"),
        new("action-plan-action", "/actions/2", "main h1"),
        new("report-request-considered", "/report-requests/1", "main h1", As: Role.IndicatorOwner),
        new("report-request-open", "/report-requests/2", "main h1", As: Role.IndicatorOwner),
        new("ladder-trigger-active", "/ladder/triggers/1", "main h1", As: Role.DeliveryLead),
        new("ladder-trigger-cleared", "/ladder/triggers/2", "main h1"),
        new("ladder-first-quarter", "/ladder?period=2009-10-Q1", "main h1", As: Role.Auditor),
        new("indicator-manual-stage", "/indicators/NI%2015?area=HRT", "main table", As: Role.DeliveryLead),
        new("escalation", "/escalations/1", "main h1"),
        new("body-strategic-board", "/bodies/WSB", "main h1"),
        new("body-meeting-partnership", "/bodies/SSC/meetings/2009-11-05", "main h1", As: Role.BodyMember),
        new("body-meeting-strategic-board", "/bodies/WSB/meetings/2009-12-14", "main h1"),
        new("my-tasks-body-member", "/tasks", "main h1", As: Role.BodyMember),

        // The audit trail, as the auditor and the administrator.
        new("audit-trail", "/audit", "main table", As: Role.Auditor),
        new("audit-trail-filtered", "/audit?action=signed_in", "main h1", As: Role.Administrator),
        new("audit-trail-bad-filter", "/audit?from=not-a-date", ".govuk-error-summary", Status: 400, As: Role.Auditor),

        // The ladder's records (issue 11, item 3) and the half-yearly report (item 5), with their forms.
        new("stage-one-actions", "/actions", "main form", As: Role.DeliveryLead),
        new("action-plans", "/action-plans", "main form", As: Role.DeliveryLead),
        new("action-plans-missing", "/action-plans?missing=1", "main h1"),
        new("report-requests", "/report-requests", "main form", As: Role.Administrator),
        new("half-yearly-report", "/reports/half-yearly?half=2009-10-H1", "main h1"),
        new("half-yearly-report-bad-half", "/reports/half-yearly?half=2009-10-Q1", ".govuk-error-summary", Status: 400),
    ];

    public static TheoryData<string> Names => [.. All.Select(p => p.Name)];

    /// <summary>
    /// Every third page, for the first site (<see cref="Infrastructure.BrowserSiteCollection"/>), which also runs the
    /// journeys; the rest go to the second (<see cref="Infrastructure.SecondBrowserSiteCollection"/>), so that two
    /// browsers check the pages side by side.
    /// </summary>
    public static TheoryData<string> ForFirstSite => [.. All.Where((_, i) => i % 3 == 0).Select(p => p.Name)];

    /// <summary>The pages that <see cref="ForFirstSite"/> leaves out.</summary>
    public static TheoryData<string> ForSecondSite => [.. All.Where((_, i) => i % 3 != 0).Select(p => p.Name)];

    public static SitePage Named(string name) => All.Single(p => p.Name == name);
}
