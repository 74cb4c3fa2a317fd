using System.Globalization;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Bodies;

/// <summary>The edit page's fields as given: <c>chair</c> and <c>secretary</c> a person's identifier, empty for nobody.</summary>
public sealed record BodyOfficers(string Code, string? Chair, string? Secretary);

/// <summary>
/// An administrator names a body's chair and secretary (issue 11, item 1). Each must be an active member of the body
/// (holding the body-member role for it); one person may be both. All or nothing, with one audit entry naming the old
/// and the new holder of each post that changed.
/// </summary>
public sealed class NameBodyOfficers(GoldenThreadDb db, AuditLog audit) : AdminUseCase<BodyOfficers>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, BodyOfficers request, CancellationToken cancellationToken)
    {
        var body = await Db.Bodies.AsTracking().SingleOrDefaultAsync(b => b.Code == request.Code, cancellationToken);
        if (body is null)
        {
            return AdminChange.Refused("chair", $"There is no body with the code {request.Code}");
        }

        var errors = new List<FieldError>();
        var chair = await MemberAsync(body.Id, request.Chair, "chair", errors, cancellationToken);
        var secretary = await MemberAsync(body.Id, request.Secretary, "secretary", errors, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var changes = new List<string>();
        await NoteAsync(changes, "chair", body.ChairId, chair, cancellationToken);
        await NoteAsync(changes, "secretary", body.SecretaryId, secretary, cancellationToken);
        if (changes.Count == 0)
        {
            return AdminChange.Success($"Nothing was changed: {body.Name} already had this chair and secretary.", body.Id);
        }

        body.ChairId = chair?.Id;
        body.SecretaryId = secretary?.Id;
        Audit.Add(actor, AuditActions.BodyOfficersNamed, $"{body.Name} ({body.Code}): {string.Join("; ", changes)}.", subjectName: body.Code);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The chair and secretary of {body.Name} have been saved.", body.Id);
    }

    /// <summary>The member chosen, or null for nobody; someone who is not an active member of the body is an error on the field.</summary>
    private async Task<(int Id, string FullName)?> MemberAsync(int bodyId, string? given, string field, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(given))
        {
            return null;
        }

        var person = int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await Db.People
                .Where(p => p.Id == id && p.DeactivatedAt == null && p.Roles.Any(r => r.Role == Role.BodyMember && r.BodyId == bodyId))
                .Select(p => new { p.Id, p.FullName })
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        if (person is null)
        {
            errors.Add(new FieldError(field, $"Choose the {field} from the body's active members"));
            return null;
        }

        return (person.Id, person.FullName);
    }

    private async Task NoteAsync(List<string> changes, string post, int? before, (int Id, string FullName)? after, CancellationToken cancellationToken)
    {
        if (before == after?.Id)
        {
            return;
        }

        var was = before is { } id ? await Db.People.Where(p => p.Id == id).Select(p => p.FullName).SingleOrDefaultAsync(cancellationToken) : null;
        changes.Add($"{post} from {was ?? "nobody"} to {after?.FullName ?? "nobody"}");
    }
}
