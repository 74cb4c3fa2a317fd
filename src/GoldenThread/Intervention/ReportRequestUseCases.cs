using GoldenThread.Actions;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Notices;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Intervention;

/// <summary>The executive board's stage 3 request as entered. Fields: indicator, area, period, request, owner (an email address), due.</summary>
public sealed record ReportRequestInput(Actor Actor, string? Indicator, string? Area, string? Period, string? Request, string? Owner, string? Due);

/// <summary>
/// Stage 3: the executive board (<see cref="InterventionAccess.MayActForExecutiveBoard"/>) requests a detailed report on
/// the causes of a pair's under-performance and the options, of an owner, by a date; the owner is told.
/// </summary>
public sealed class RequestReport(GoldenThreadDb db, AuditLog audit, NoticeBoard notices, TimeProvider time, ReportingClock clock) : AdminUseCase<ReportRequestInput>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ReportRequestInput request, CancellationToken cancellationToken)
    {
        if (!InterventionAccess.MayActForExecutiveBoard(request.Actor, await ActionPairs.ExecutiveBoardIdsAsync(Db, cancellationToken)))
        {
            return AdminChange.Refused("indicator", "Only the executive board's members and administrators may request a stage 3 report");
        }

        var (pair, missing) = await ActionPairs.FindByCodesAsync(Db, request.Indicator, request.Area, cancellationToken);
        if (missing is not null)
        {
            return AdminChange.Refused([missing]);
        }

        var (quarter, badPeriod) = ActionPairs.Quarter(request.Period);
        var (text, badRequest) = ActionPairs.Text(request.Request, "request", "what the board asks for", ReportRequest.TextLength, required: true);
        var (due, badDue) = ActionPairs.Date(request.Due, "due", "the date the report is due", required: true);
        if (due is { } d && d <= clock.Today)
        {
            badDue = new FieldError("due", "The date the report is due must be in the future");
        }

        var email = request.Owner?.Trim();
        var owner = string.IsNullOrEmpty(email) ? null
            : await Db.People.AsNoTracking().Where(p => p.Email == email && p.DeactivatedAt == null).Select(p => new { p.Id, p.FullName }).SingleOrDefaultAsync(cancellationToken);
        FieldError? badOwner = string.IsNullOrEmpty(email) ? new FieldError("owner", "Enter the email address of the person who owns the report")
            : owner is null ? new FieldError("owner", $"There is no active person with the email address '{email}'")
            : null;
        var errors = new[] { badPeriod, badRequest, badOwner, badDue }.OfType<FieldError>().ToList();
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var report = new ReportRequest
        {
            IndicatorId = pair!.IndicatorId,
            AreaId = pair.AreaId,
            Period = quarter!.Value.Code,
            State = ReportRequestState.Requested,
            Request = text!,
            OwnerId = owner!.Id,
            DueOn = due!.Value,
            RequestedAt = time.GetUtcNow(),
            RequestedById = actor.Id,
            RequestedBy = await ActionPairs.NameOfAsync(Db, actor.Id, actor.Name, cancellationToken),
        };
        Db.ReportRequests.Add(report);
        await Db.SaveChangesAsync(cancellationToken);
        await notices.RaiseAsync(
            [
                new NoticeRequest(
                    owner.Id,
                    NoticeKind.ReportRequested,
                    $"The executive board asks you for a report on {pair.Name} by {report.DueOn:d MMMM yyyy}",
                    $"{report.RequestedBy} asks, for the executive board, for a detailed report on the causes of the under-performance of {pair.Name} and the options for bringing it back to target: {report.Request}",
                    $"/report-requests/{report.Id}",
                    $"report:{report.Id}:requested"),
            ],
            cancellationToken);
        Audit.Add(actor, AuditActions.ReportRequested, $"Requested stage 3 report {report.Id} on {pair.Name} of {owner.FullName}, due {report.DueOn:yyyy-MM-dd}: {report.Request}", report.Id, pair.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The report on {pair.Name} is requested of {owner.FullName}, due {report.DueOn:d MMMM yyyy}.", report.Id);
    }
}

/// <summary>An attached document as uploaded: its file name, declared content type and bytes (null when none was attached).</summary>
public sealed record UploadedDocument(string FileName, string? ContentType, byte[] Content);

/// <summary>The owner's answer as entered. Fields: causes, options, document.</summary>
public sealed record ReportAnswerInput(Actor Actor, int RequestId, string? Causes, string? Options, UploadedDocument? Document);

/// <summary>
/// The owner answers a stage 3 request (causes, options, and the report attached: .docx, .pdf or .odt, up to
/// <see cref="ReportRequest.MaximumDocumentBytes"/>); the executive board's secretary is told it waits for the board.
/// Until the board considers it, the owner may answer again (the new answer replaces the old).
/// </summary>
public sealed class AnswerReport(GoldenThreadDb db, AuditLog audit, NoticeBoard notices, TimeProvider time) : AdminUseCase<ReportAnswerInput>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ReportAnswerInput request, CancellationToken cancellationToken)
    {
        var report = await Db.ReportRequests.SingleOrDefaultAsync(r => r.Id == request.RequestId, cancellationToken);
        if (report is null || await ActionPairs.FindAsync(Db, report.IndicatorId, report.AreaId, cancellationToken) is not { } pair)
        {
            return AdminChange.Refused("causes", "That report request no longer exists");
        }

        if (report.OwnerId != actor.Id && !InterventionAccess.MayWriteFor(request.Actor, pair.Figures))
        {
            return AdminChange.Refused("causes", "Only the report's owner, and those who write for its indicator, may answer it");
        }

        if (report.State == ReportRequestState.Considered)
        {
            return AdminChange.Refused("causes", "The board has already considered this report");
        }

        var (causes, badCauses) = ActionPairs.Text(request.Causes, "causes", "the causes of the under-performance", ReportRequest.TextLength, required: true);
        var (options, badOptions) = ActionPairs.Text(request.Options, "options", "the options for bringing performance back to target", ReportRequest.TextLength, required: true);
        var badDocument = request.Document is { } document ? ReportDocuments.Problem(document)
            : report.Document is null ? new FieldError("document", "Attach the report (a .docx, .pdf or .odt file)")
            : null;
        var errors = new[] { badCauses, badOptions, badDocument }.OfType<FieldError>().ToList();
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        report.Causes = causes;
        report.Options = options;
        if (request.Document is { } attached)
        {
            report.Document = attached.Content;
            report.DocumentName = ReportDocuments.SafeName(attached.FileName);
            report.DocumentType = ReportDocuments.ContentTypeOf(attached.FileName);
        }

        report.State = ReportRequestState.Answered;
        report.AnsweredAt = time.GetUtcNow();
        report.AnsweredById = actor.Id;
        await notices.DoneAsync($"report:{report.Id}:requested", cancellationToken);
        var secretaries = await Db.Bodies.AsNoTracking()
            .Where(b => b.Kind == Domain.Partnership.BodyKind.ExecutiveBoard && b.SecretaryId != null)
            .Select(b => b.SecretaryId!.Value).ToListAsync(cancellationToken);
        await notices.RaiseAsync(
            secretaries.Select(secretary => new NoticeRequest(
                secretary,
                NoticeKind.ReportAnswered,
                $"The report on {pair.Name} is in and waits for the executive board",
                $"The stage 3 report requested on {report.RequestedAt:d MMMM yyyy} on {pair.Name} has been answered; put it to the board to consider.",
                $"/report-requests/{report.Id}",
                $"report:{report.Id}:answered:{secretary}")),
            cancellationToken);
        Audit.Add(actor, AuditActions.ReportAnswered, $"Answered stage 3 report {report.Id} on {pair.Name}, attaching {report.DocumentName}", report.Id, pair.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"Your report on {pair.Name} is sent to the executive board.", report.Id);
    }
}

/// <summary>The board's consideration as entered. Field: decision.</summary>
public sealed record ReportDecisionInput(Actor Actor, int RequestId, string? Decision);

/// <summary>The executive board considers an answered report, with its decision.</summary>
public sealed class ConsiderReport(GoldenThreadDb db, AuditLog audit, NoticeBoard notices, TimeProvider time) : AdminUseCase<ReportDecisionInput>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ReportDecisionInput request, CancellationToken cancellationToken)
    {
        var report = await Db.ReportRequests.SingleOrDefaultAsync(r => r.Id == request.RequestId, cancellationToken);
        if (report is null || await ActionPairs.FindAsync(Db, report.IndicatorId, report.AreaId, cancellationToken) is not { } pair)
        {
            return AdminChange.Refused("decision", "That report request no longer exists");
        }

        if (!InterventionAccess.MayActForExecutiveBoard(request.Actor, await ActionPairs.ExecutiveBoardIdsAsync(Db, cancellationToken)))
        {
            return AdminChange.Refused("decision", "Only the executive board's members and administrators may consider a stage 3 report");
        }

        if (report.State != ReportRequestState.Answered)
        {
            return AdminChange.Refused("decision", report.State == ReportRequestState.Requested
                ? "The report has not been answered yet"
                : "The board has already considered this report");
        }

        var (decision, problem) = ActionPairs.Text(request.Decision, "decision", "the board's decision", ReportRequest.TextLength, required: true);
        if (problem is not null)
        {
            return AdminChange.Refused([problem]);
        }

        report.State = ReportRequestState.Considered;
        report.Decision = decision;
        report.ConsideredAt = time.GetUtcNow();
        report.ConsideredById = actor.Id;
        await notices.DoneAsync($"report:{report.Id}:answered", cancellationToken);
        Audit.Add(actor, AuditActions.ReportConsidered, $"Considered stage 3 report {report.Id} on {pair.Name}: {decision}", report.Id, pair.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The board's decision on the report on {pair.Name} is recorded.", report.Id);
    }
}

/// <summary>What an attached report may be: a Word, PDF or OpenDocument file, checked by its name, declared type and first bytes.</summary>
public static class ReportDocuments
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".pdf"] = "application/pdf",
        [".odt"] = "application/vnd.oasis.opendocument.text",
    };

    public static string ContentTypeOf(string fileName) => Types[Path.GetExtension(fileName)];

    /// <summary>The problem with the upload against <c>document</c>, or null when it is acceptable.</summary>
    public static FieldError? Problem(UploadedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var extension = Path.GetExtension(document.FileName);
        if (!Types.TryGetValue(extension, out var expected))
        {
            return new FieldError("document", "The report must be a .docx, .pdf or .odt file");
        }

        if (document.Content.Length == 0)
        {
            return new FieldError("document", "The attached file is empty");
        }

        if (document.Content.Length > ReportRequest.MaximumDocumentBytes)
        {
            return new FieldError("document", $"The report must be smaller than {ReportRequest.MaximumDocumentBytes / (1024 * 1024)} MB");
        }

        // Browsers declare what the operating system says; octet-stream is what they send when it knows nothing.
        var declared = document.ContentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(declared) && !string.Equals(declared, expected, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(declared, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return new FieldError("document", $"The file is sent as {declared}, which is not a {extension} file");
        }

        // .docx and .odt are zip packages; a PDF starts with %PDF-.
        var content = document.Content;
        var looksRight = extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase)
            ? content.AsSpan().StartsWith("%PDF-"u8)
            : content.AsSpan().StartsWith("PK\u0003\u0004"u8);
        return looksRight ? null : new FieldError("document", $"The file's contents are not those of a {extension} file");
    }

    /// <summary>The file name without any folder, and cut to the column's length (keeping the extension).</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var extension = Path.GetExtension(name);
        return name.Length <= ReportRequest.FileNameLength ? name : name[..(ReportRequest.FileNameLength - extension.Length)] + extension;
    }
}
