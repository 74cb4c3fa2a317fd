
namespace GoldenThread.Administration;

/// <summary>
/// What an administrative change came to: either done (with the words for the page's "success" banner and,
/// for something new, its identifier), or refused with the problems, each against the field it concerns.
/// </summary>
public sealed record AdminChange(IReadOnlyList<FieldError> Errors, string? Done = null, int? Id = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static AdminChange Success(string done, int? id = null) => new([], done, id);

    public static AdminChange Refused(string field, string message) => new([new FieldError(field, message)]);

    public static AdminChange Refused(IReadOnlyList<FieldError> errors) => new(errors);
}
