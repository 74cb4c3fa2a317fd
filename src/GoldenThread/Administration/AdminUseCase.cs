using GoldenThread.Audit;
using GoldenThread.Storage;

namespace GoldenThread.Administration;

/// <summary>
/// The envelope every administrative change is written in, one class per use case (<c>AddPerson</c>,
/// <c>GrantRole</c>, ...), registered in DI (<see cref="AdministrationSetup"/>). <see cref="HandleAsync"/> reads
/// top to bottom: find what is changed, check the request (a refusal names the field at fault), change it, add
/// its audit entry, save. <see cref="RunAsync"/> runs it all in one unit of work, so the change and its audit
/// entry are kept together or not at all, and a refusal leaves nothing behind.
/// </summary>
/// <typeparam name="TRequest">What the change is asked with: a record of the form's fields, or a person's identifier.</typeparam>
public abstract class AdminUseCase<TRequest>(GoldenThreadDb db, AuditLog audit)
    where TRequest : notnull
{
    protected GoldenThreadDb Db => db;

    protected AuditLog Audit => audit;

    /// <summary>Makes the change as <paramref name="actor"/>, in one transaction (or in the caller's, when one is open).</summary>
    public Task<AdminChange> RunAsync(AuditActor actor, TRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return UnitOfWork.RunAsync(db, () => HandleAsync(actor, request, cancellationToken), cancellationToken);
    }

    /// <summary>Find, check, change, audit, save; return <see cref="AdminChange.Refused(string, string)"/> at the first check that fails.</summary>
    protected abstract Task<AdminChange> HandleAsync(AuditActor actor, TRequest request, CancellationToken cancellationToken);
}
