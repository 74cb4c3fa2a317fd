namespace GoldenThread.Tests.Access;

/// <summary>What a request gets, as far as authorisation goes.</summary>
public enum Outcome
{
    /// <summary>Past authorisation: the page or operation answered (whatever its own answer, e.g. 200, 400 or 404).</summary>
    Allowed,

    /// <summary>Refused for this person: 403, or the site's access-denied page.</summary>
    Forbidden,

    /// <summary>Not signed in: sent to the sign-in page, or 401 from the API.</summary>
    SignIn,
}

/// <summary>
/// One endpoint of the running site, a real address to try it at, and the expected outcome for each persona, in
/// the order of <see cref="AuthorisationMatrix.Personas"/>: one letter each, A (allowed), F (forbidden) or S (sign in).
/// </summary>
public sealed record MatrixRow(string Method, string Pattern, string Sample, string Expected)
{
    public Outcome ExpectedFor(int persona) => Expected.Replace(" ", "", StringComparison.Ordinal)[persona] switch
    {
        'A' => Outcome.Allowed,
        'F' => Outcome.Forbidden,
        'S' => Outcome.SignIn,
        var c => throw new InvalidOperationException($"'{c}' in the matrix row for {Method} {Pattern}"),
    };
}

/// <summary>
/// The authorisation matrix: every endpoint the application exposes, with the decision for every kind of caller.
/// <see cref="AuthorisationMatrixTests"/> fails when the running site has an endpoint (or a method of one) that is not
/// listed here, so no endpoint ships without a decision, and when a listed one no longer exists.
/// </summary>
public static class AuthorisationMatrix
{
    /// <summary>The kinds of caller, in the order of each row's letters.</summary>
    public static IReadOnlyList<string> Personas { get; } =
    [
        "public",
        "administrator",
        "performance_officer",
        "indicator_owner",
        "indicator_deputy",
        "delivery_lead",
        "target_sponsor",
        "body_member",
        "auditor",
        "read token",
        "submit token",
    ];

    //                                 pub admin off own dep lead spon body aud  read submit
    private const string Everyone = "A  A A A A A A A A  A A";
    private const string SignedIn = "S  A A A A A A A A  S S";
    private const string SignedInOrToken = "S  A A A A A A A A  A A";
    private const string Administrators = "S  A F F F F F F F  S S";
    private const string AuditTrail = "S  A F F F F F F A  S S";
    private const string CentralTeam = "S  A A F F F F F F  S S";
    private const string ReturnsReaders = "S  A A F F F F F A  S S";
    private const string SubmitToken = "S  S S S S S S S S  F A";
    private const string ExecutiveBoard = "S  A F F F F F F F  S S";
    private const string ExecutiveBoardToken = "S  S S S S S S S S  F F";

    // Pages whose own answer looks like a refusal to everyone: the access-denied page is a 403, and the steps
    // after the password send anyone who arrives without taking that step back to sign in.
    private const string DeniedPage = "F  F F F F F F F F  F F";
    private const string BackToSignIn = "S  S S S S S S S S  S S";

    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        // Open to the public (issue 4: the start page, signing in, the accessibility statement, the health check).
        new("GET", "", "/", Everyone),
        new("GET", "Index", "/Index", Everyone),
        new("GET", "accessibility", "/accessibility", Everyone),
        new("*", "/health", "/health", Everyone),
        new("GET", "error/{code:int?}", "/error/404", Everyone),
        new("POST", "error/{code:int?}", "/error/404", Everyone),
        new("GET", "account/sign-in", "/account/sign-in", Everyone),
        new("POST", "account/sign-in", "/account/sign-in", Everyone),
        new("GET", "account/sign-out", "/account/sign-out", Everyone),
        new("POST", "account/sign-out", "/account/sign-out", Everyone),
        new("GET", "account/signed-out", "/account/signed-out", Everyone),
        new("GET", "account/access-denied", "/account/access-denied", DeniedPage),
        new("GET", "account/two-factor", "/account/two-factor", BackToSignIn),
        new("POST", "account/two-factor", "/account/two-factor", Everyone),
        new("GET", "account/recovery-code", "/account/recovery-code", BackToSignIn),
        new("POST", "account/recovery-code", "/account/recovery-code", Everyone),
        new("GET", "account/forgot-password", "/account/forgot-password", Everyone),
        new("POST", "account/forgot-password", "/account/forgot-password", Everyone),
        new("GET", "account/reset-password", "/account/reset-password?email=x%40example.org&code=abc", Everyone),
        new("POST", "account/reset-password", "/account/reset-password", Everyone),
        new("GET", "account/external", "/account/external", BackToSignIn),
        new("POST", "account/external", "/account/external", Everyone),
        new("GET", "account/external-callback", "/account/external-callback", Everyone),

        // A person's own account: signed in, in the browser.
        new("GET", "account", "/account", SignedIn),
        new("GET", "account/authenticator", "/account/authenticator", SignedIn),
        new("POST", "account/authenticator", "/account/authenticator", SignedIn),
        new("GET", "account/change-password", "/account/change-password", SignedIn),
        new("POST", "account/change-password", "/account/change-password", SignedIn),
        new("GET", "account/two-factor/turn-off", "/account/two-factor/turn-off", SignedIn),
        new("POST", "account/two-factor/turn-off", "/account/two-factor/turn-off", SignedIn),
        new("GET", "account/sessions", "/account/sessions", SignedIn),
        new("POST", "account/sessions", "/account/sessions", SignedIn),
        new("GET", "account/confirm", "/account/confirm", SignedIn),
        new("POST", "account/confirm", "/account/confirm", SignedIn),

        // The framework and its figures: anyone signed in; the API also takes tokens.
        new("GET", "Scorecard", "/scorecard", SignedIn),
        new("GET", "Scorecard/Index", "/Scorecard/Index", SignedIn),
        new("GET", "Scorecard/Download", $"/scorecard/download?period={GoldenThread.Demo.DemoBundle.LatestQuarter}", SignedIn),
        new("GET", "indicators", "/indicators", SignedIn),
        new("GET", "indicators/{code}", "/indicators/NI%2016", SignedIn),
        new("GET", "indicators/{code}/areas", "/indicators/NI%2016/areas", SignedIn),

        // The indicators' cycle details, owner and deputy, and the list of those lacking one: the central team.
        new("GET", "indicators/{code}/edit", "/indicators/NI%2016/edit", CentralTeam),
        new("POST", "indicators/{code}/edit", "/indicators/NI%2016/edit", CentralTeam),
        new("GET", "indicators/problems", "/indicators/problems", CentralTeam),
        new("GET", "api", "/api", SignedIn),
        new("GET", "{**path:file}", "/no-such-file.txt", SignedIn),
        new("GET", "/api/openapi/{documentName}.json", "/api/openapi/v1.json", Everyone),
        new("GET", "/api/v1/scorecard", $"/api/v1/scorecard?period={GoldenThread.Demo.DemoBundle.LatestQuarter}&area=HRT", SignedInOrToken),
        new("GET", "/api/v1/indicators", "/api/v1/indicators", SignedInOrToken),
        new("GET", "/api/v1/indicators/{code}", "/api/v1/indicators/NI%2016", SignedInOrToken),
        new("*", "/api/v1/{**rest}", "/api/v1/no-such-operation", SignedInOrToken),

        // Administration: administrators who signed in with a second factor.
        new("GET", "admin", "/admin", Administrators),
        new("GET", "admin/organisations", "/admin/organisations", Administrators),
        new("POST", "admin/organisations", "/admin/organisations", Administrators),
        new("GET", "admin/organisations/{id:int}", "/admin/organisations/1", Administrators),
        new("POST", "admin/organisations/{id:int}", "/admin/organisations/1", Administrators),
        new("GET", "admin/people", "/admin/people", Administrators),
        new("GET", "admin/people/add", "/admin/people/add", Administrators),
        new("POST", "admin/people/add", "/admin/people/add", Administrators),
        new("GET", "admin/people/{id:int}", "/admin/people/2", Administrators),
        new("POST", "admin/people/{id:int}", "/admin/people/2", Administrators),
        new("GET", "admin/people/{id:int}/grant", "/admin/people/2/grant", Administrators),
        new("POST", "admin/people/{id:int}/grant", "/admin/people/2/grant", Administrators),
        new("GET", "admin/jobs", "/admin/jobs", Administrators),
        new("POST", "admin/jobs", "/admin/jobs", Administrators),

        // The system tolerances: the central team (administrators and performance officers).
        new("GET", "settings/tolerances", "/settings/tolerances", CentralTeam),
        new("POST", "settings/tolerances", "/settings/tolerances", CentralTeam),

        // The returns dashboard and a return's review: the central team and auditors read them; only the central team
        // acts (which returns, and sign-off's four eyes, are the use cases' decisions: Returns/Review tests).
        new("GET", "returns/dashboard", "/returns/dashboard", ReturnsReaders),
        new("GET", "returns/{id:int}/review", "/returns/1/review", ReturnsReaders),
        new("POST", "returns/{id:int}/review", "/returns/1/review", CentralTeam),

        // The reporting timetable: published to everyone, like the council's meeting dates; the central team set it up
        // and run each quarter's cycle.
        new("GET", "timetable", "/timetable", Everyone),
        new("GET", "timetable.ics", "/timetable.ics", Everyone),
        new("GET", "timetable/pattern", "/timetable/pattern", CentralTeam),
        new("POST", "timetable/pattern", "/timetable/pattern", CentralTeam),
        new("GET", "timetable/{period}/edit", "/timetable/2009-10-Q2/edit", CentralTeam),
        new("POST", "timetable/{period}/edit", "/timetable/2009-10-Q2/edit", CentralTeam),
        new("GET", "timetable/{period}/cycle", "/timetable/2009-10-Q2/cycle", CentralTeam),
        new("POST", "timetable/{period}/cycle", "/timetable/2009-10-Q2/cycle", CentralTeam),

        // The audit trail: administrators and auditors, who read and export it.
        new("GET", "audit", "/audit", AuditTrail),
        new("GET", "audit/download", "/audit/download", AuditTrail),
        new("GET", "audit/{id:long}/changes", "/audit/1/changes", AuditTrail),
        new("GET", "audit/figures.csv", "/audit/figures.csv", AuditTrail),

        // My tasks: what is due from the signed-in person (each sees only their own), in the browser.
        new("GET", "tasks", "/tasks", SignedIn),

        // My tasks' notices (issue 11, item 6): each person marks their own done (someone else's is a 404, BodyPagesTests).
        new("POST", "tasks", "/tasks?handler=Done", SignedIn),

        // Bodies and their business (issue 11, item 1): the framework and its meetings' agendas, read by anyone signed in;
        // administrators name a body's chair and secretary.
        new("GET", "bodies", "/bodies", SignedIn),
        new("GET", "bodies/{code}", "/bodies/SSC", SignedIn),
        new("GET", "bodies/{code}/meetings/{date}", "/bodies/SSC/meetings/2009-12-01", SignedIn),
        new("GET", "bodies/{code}/edit", "/bodies/SSC/edit", Administrators),
        new("POST", "bodies/{code}/edit", "/bodies/SSC/edit", Administrators),

        // Returns: anyone signed in gets past the endpoint; whether they may read or enter a given return is then the
        // access rules' decision (MayReadReturn, MayEnterReturn: 404 for no such return, 403 for someone else's; the
        // ReturnPagesTests). The samples name a return that does not exist, so every signed-in persona gets the 404.
        new("GET", "returns", "/returns", SignedIn),
        new("GET", "returns/{id:int}", "/returns/999999", SignedIn),
        new("GET", "returns/{id:int}/lines/{lineId:int}", "/returns/999999/lines/1", SignedIn),
        new("POST", "returns/{id:int}/lines/{lineId:int}", "/returns/999999/lines/1", SignedIn),
        new("GET", "returns/{id:int}/check", "/returns/999999/check", SignedIn),
        new("POST", "returns/{id:int}/check", "/returns/999999/check", SignedIn),

        // A person's own API tokens: in the browser only (a token cannot make tokens).
        new("GET", "account/tokens", "/account/tokens", SignedIn),
        new("POST", "account/tokens", "/account/tokens", SignedIn),

        // Submitting figures: only a token with submit scope gets past the endpoint (no cookie writes on the API);
        // whose figures it may change is then the resource check's decision (Returns tests).
        new("PUT", "/api/v1/figures/{indicator}/{area}/{period}", "/api/v1/figures/NI%2015/HRT/2009-10-Q2", SubmitToken),
        new("DELETE", "/api/v1/figures/{indicator}/{area}/{period}", "/api/v1/figures/NI%2015/HRT/2009-10-Q2?reason=Matrix", SubmitToken),

        // Returns by workbook and through the API (issue 10, item 5): past the endpoint, who may open and enter which
        // return is the resource check's decision (MayEnterReturn; MayReadReturn for reading through the API), tested in
        // Returns/Workbook. The sample return does not exist, so whoever passes the endpoint gets its 404.
        new("GET", "returns/{id:int}/workbook", "/returns/999999/workbook", SignedIn),
        new("POST", "returns/{id:int}/workbook", "/returns/999999/workbook", SignedIn),
        new("GET", "returns/{id:int}/workbook.xlsx", "/returns/999999/workbook.xlsx", SignedIn),
        new("GET", "/api/v1/returns", "/api/v1/returns?period=2009-10-Q3", SignedInOrToken),
        new("GET", "/api/v1/returns/{id:int}", "/api/v1/returns/999999", SignedInOrToken),
        new("PUT", "/api/v1/returns/{id:int}", "/api/v1/returns/999999", SubmitToken),

        // The ladder's records (issue 11, item 3) and the half-yearly report (item 5): read by anyone signed in, in the
        // browser; who may record, agree, request, answer or consider is the use cases' decision (InterventionAccess, the
        // Actions tests), and a request's answer and attached report are read only by those it concerns (ReportAccess).
        // The samples name records that do not exist, so whoever passes the endpoint gets its 404 (or the form's 400).
        new("GET", "actions", "/actions", SignedIn),
        new("POST", "actions", "/actions", SignedIn),
        new("GET", "actions/{id:int}", "/actions/999999", SignedIn),
        new("POST", "actions/{id:int}", "/actions/999999", SignedIn),
        new("GET", "action-plans", "/action-plans?missing=1", SignedIn),
        new("POST", "action-plans", "/action-plans", SignedIn),
        new("GET", "action-plans/{id:int}", "/action-plans/999999", SignedIn),
        new("POST", "action-plans/{id:int}", "/action-plans/999999", SignedIn),
        new("GET", "report-requests", "/report-requests", SignedIn),
        new("POST", "report-requests", "/report-requests", SignedIn),
        new("GET", "report-requests/{id:int}", "/report-requests/999999", SignedIn),
        new("POST", "report-requests/{id:int}", "/report-requests/999999", SignedIn),
        new("GET", "report-requests/{id:int}/document", "/report-requests/999999/document", SignedIn),
        new("GET", "reports/half-yearly", "/reports/half-yearly?half=2009-10-H1", SignedIn),
        new("GET", "reports/half-yearly.docx", "/reports/half-yearly.docx?half=2009-10-H1", SignedIn),

        // Exception reports (issue 11, items 2, 4 and 7): read by anyone signed in, as the scorecard is. Who may consider,
        // answer, write or close one is the use cases' decision (InterventionAccess; ExceptionLifeTests); the samples name a
        // report that does not exist, so whoever passes the endpoint gets its 404. The API writes with a submit token only.
        new("GET", "exceptions", "/exceptions", SignedIn),
        new("GET", "exceptions/{id:int}", "/exceptions/999999", SignedIn),
        new("POST", "exceptions/{id:int}", "/exceptions/999999", SignedIn),
        new("GET", "/api/v1/exceptions", "/api/v1/exceptions?state=open", SignedInOrToken),
        new("GET", "/api/v1/exceptions/{id:int}", "/api/v1/exceptions/999999", SignedInOrToken),
        new("POST", "/api/v1/exceptions/{id:int}/consideration", "/api/v1/exceptions/999999/consideration", SubmitToken),
        new("POST", "/api/v1/exceptions/{id:int}/answer", "/api/v1/exceptions/999999/answer", SubmitToken),
        new("POST", "/api/v1/exceptions/{id:int}/writing", "/api/v1/exceptions/999999/writing", SubmitToken),
        new("POST", "/api/v1/exceptions/{id:int}/closure", "/api/v1/exceptions/999999/closure", SubmitToken),

        // The ladder of intervention (issue 11): read by anyone signed in; only the executive board's members and
        // administrators set or clear a stage by hand (in the browser, or with a submit token: the personas' submit token
        // is a delivery lead's, refused). Escalations are raised and decided by whoever is at the level the issue stands
        // at: past the endpoint, that is the use case's decision (Intervention/LadderTests).
        new("GET", "ladder", "/ladder", SignedIn),
        new("GET", "ladder/triggers/new", "/ladder/triggers/new", ExecutiveBoard),
        new("POST", "ladder/triggers/new", "/ladder/triggers/new", ExecutiveBoard),
        new("GET", "ladder/triggers/{id:int}", "/ladder/triggers/999999", SignedIn),
        new("POST", "ladder/triggers/{id:int}", "/ladder/triggers/999999", ExecutiveBoard),
        new("GET", "escalations", "/escalations", SignedIn),
        new("GET", "escalations/new", "/escalations/new", SignedIn),
        new("POST", "escalations/new", "/escalations/new", SignedIn),
        new("GET", "escalations/{id:int}", "/escalations/999999", SignedIn),
        new("POST", "escalations/{id:int}", "/escalations/999999", SignedIn),
        new("GET", "/api/v1/ladder", $"/api/v1/ladder?period={GoldenThread.Demo.DemoBundle.LatestQuarter}", SignedInOrToken),
        new("GET", "/api/v1/ladder/triggers", "/api/v1/ladder/triggers", SignedInOrToken),
        new("POST", "/api/v1/ladder/triggers", "/api/v1/ladder/triggers", ExecutiveBoardToken),
        new("POST", "/api/v1/ladder/triggers/{id:int}/clearance", "/api/v1/ladder/triggers/999999/clearance", ExecutiveBoardToken),
        new("GET", "/api/v1/escalations", "/api/v1/escalations", SignedInOrToken),
        new("GET", "/api/v1/escalations/{id:int}", "/api/v1/escalations/999999", SignedInOrToken),
        new("POST", "/api/v1/escalations", "/api/v1/escalations", SubmitToken),
        new("POST", "/api/v1/escalations/{id:int}/decisions", "/api/v1/escalations/999999/decisions", SubmitToken),
    ];
}
