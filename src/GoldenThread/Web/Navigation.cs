using GoldenThread.Access;

namespace GoldenThread.Web;

/// <summary>The service navigation: each page names its section in <c>ViewData["Section"]</c> to be marked current.</summary>
public static class Navigation
{
    public static IReadOnlyList<(string Href, string Label, string Key)> Items { get; } =
    [
        ("/", "Home", "home"),
        ("/scorecard", "Scorecard", "scorecard"),
        ("/indicators", "Indicators", "indicators"),
        ("/timetable", "Timetable", "timetable"),
    ];

    /// <summary>What this person's roles let them reach; the public see the home page and the published timetable.</summary>
    public static IReadOnlyList<(string Href, string Label, string Key)> For(SignedInPerson? person)
    {
        if (person is null)
        {
            return [Items[0], Items[3]];
        }

        var items = new List<(string, string, string)>(Items) { ("/bodies", "Bodies", "bodies"), ("/exceptions", "Exceptions", "exceptions"), ("/tasks", "Your tasks", "tasks") };
        if (Domain.Access.AccessRules.MaySubmitAny(person.Actor))
        {
            items.Add(("/returns", "Your returns", "returns"));
        }

        items.Add(("/account/tokens", "API tokens", "tokens"));
        if (person.MayReadAuditTrail)
        {
            items.Add(("/audit", "Audit trail", "audit"));
        }

        if (person.MayReadReturnsOverview)
        {
            items.Add(("/returns/dashboard", "Returns dashboard", "returns-dashboard"));
        }

        if (person.IsCentralTeam)
        {
            items.Add(("/settings/tolerances", "Tolerances", "tolerances"));
        }

        if (person.MayAdminister || person.IsAdministratorWithoutSecondFactor)
        {
            items.Add(("/admin", "Administration", "admin"));
        }

        return items;
    }
}
