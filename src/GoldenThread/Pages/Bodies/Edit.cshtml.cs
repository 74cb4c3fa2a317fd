using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Bodies;
using GoldenThread.Pages.Admin;
using GoldenThread.Storage;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Bodies;

/// <summary><c>/bodies/{code}/edit</c>: administrators name the body's chair and secretary from its members, through <see cref="NameBodyOfficers"/>.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class EditModel(GoldenThreadDb db) : AdminPageModel
{
    public string Code { get; private set; } = string.Empty;

    public string BodyName { get; private set; } = string.Empty;

    [BindProperty(Name = "chair")]
    public string? Chair { get; set; }

    [BindProperty(Name = "secretary")]
    public string? Secretary { get; set; }

    public IReadOnlyList<BodyMemberRow> Members { get; private set; } = [];

    public SelectField ChairField => Field("chair", "Chair", Chair);

    public SelectField SecretaryField => Field("secretary", "Secretary", Secretary);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Code == code, cancellationToken);
        if (body is null)
        {
            return NotFound();
        }

        Code = body.Code;
        BodyName = body.Name;
        Chair = body.ChairId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        Secretary = body.SecretaryId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        Members = await BodyBusiness.MembersAsync(db, body, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, [FromServices] NameBodyOfficers name, CancellationToken cancellationToken)
    {
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Code == code, cancellationToken);
        if (body is null)
        {
            return NotFound();
        }

        if (Done(await name.RunAsync(await ActorAsync(), new BodyOfficers(body.Code, Chair, Secretary), cancellationToken)))
        {
            return Redirect(BodyLinks.Body(body.Code));
        }

        Code = body.Code;
        BodyName = body.Name;
        Members = await BodyBusiness.MembersAsync(db, body, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private SelectField Field(string name, string label, string? selected)
    {
        var options = new List<SelectOption> { new(string.Empty, "Not named") };
        options.AddRange(Members.Where(m => m.Active).Select(m => new SelectOption(m.Id.ToString(CultureInfo.InvariantCulture), $"{m.FullName} ({m.Organisation})")));
        return new SelectField(name, label, [new SelectGroup(null, options)], selected ?? string.Empty, ErrorFor(name));
    }
}
