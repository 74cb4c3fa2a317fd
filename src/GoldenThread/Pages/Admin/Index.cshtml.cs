using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Admin;

/// <summary><c>/admin</c>: the way in to administration, with how many people and organisations there are and who is locked out.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(GoldenThreadDb db, PeopleQueries people) : AdminPageModel
{
    public int People { get; private set; }

    public int Organisations { get; private set; }

    public int LockedOut { get; private set; }

    public int Deactivated { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        People = await db.People.CountAsync(cancellationToken);
        Deactivated = await db.People.CountAsync(p => p.DeactivatedAt != null, cancellationToken);
        Organisations = await db.Organisations.CountAsync(cancellationToken);
        LockedOut = await people.CountLockedOutAsync(cancellationToken);
    }
}
