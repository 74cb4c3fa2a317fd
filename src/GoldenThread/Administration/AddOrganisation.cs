using GoldenThread.Audit;
using GoldenThread.Domain;
using GoldenThread.Domain.Partnership;
using GoldenThread.Partnership;
using GoldenThread.Storage;

namespace GoldenThread.Administration;

/// <summary>A new organisation as entered: the fields are <c>code</c>, <c>name</c> and <c>kind</c> (a word such as <c>police</c>).</summary>
public sealed record NewOrganisation(string? Code, string? Name, string? Kind);

/// <summary>Adds a partner organisation, refusing a code already used whatever its case.</summary>
public sealed class AddOrganisation(GoldenThreadDb db, AuditLog audit, OrganisationQueries organisations) : AdminUseCase<NewOrganisation>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, NewOrganisation request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var code = request.Code?.Trim();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(new FieldError("code", "Enter the organisation's code, for example WCC"));
        }
        else if (code.Length > Organisation.CodeLength)
        {
            errors.Add(new FieldError("code", $"The code must be {Organisation.CodeLength} characters or fewer"));
        }
        else if (Domain.Names.CodeProblem(code) is { } codeProblem)
        {
            errors.Add(new FieldError("code", "The code " + codeProblem));
        }
        else if (await organisations.FindByCodeAsync(code, cancellationToken) is { } taken)
        {
            errors.Add(new FieldError("code", $"The code {taken.Code} is already used by {taken.Name}"));
        }

        if (OrganisationChecks.NameProblem(name) is { } nameProblem)
        {
            errors.Add(new FieldError("name", nameProblem));
        }

        if (!Codes.TryParse<OrganisationKind>(request.Kind, out var kind))
        {
            errors.Add(new FieldError("kind", string.IsNullOrWhiteSpace(request.Kind)
                ? "Choose what kind of organisation it is"
                : $"Choose a kind of organisation: {Codes.Allowed<OrganisationKind>()}"));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        // Saved first for its identifier, which the audit entry names; the unit of work keeps the two together.
        var organisation = new Organisation { Code = code!, Name = name!, Kind = kind };
        Db.Organisations.Add(organisation);
        await Db.SaveChangesAsync(cancellationToken);
        Audit.Add(actor, AuditActions.OrganisationCreated, $"Added {organisation.Code}, {organisation.Name} ({Codes.Of(kind)}).", organisation.Id, $"{organisation.Name} ({organisation.Code})");
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"{organisation.Name} ({organisation.Code}) has been added.", organisation.Id);
    }
}
