using GoldenThread.People;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.Accounts;

/// <summary>
/// The National Cyber Security Centre's advice, in place of composition rules: refuse passwords that are
/// easy to guess. zxcvbn (Dropbox's estimator) checks the password against its lists of common passwords,
/// words and names, keyboard patterns, dates and repeats, and against the person's own name and email
/// address and the service's name; anything it scores below 3 of 4 (guessable in under 10^8 tries) is refused.
/// </summary>
public sealed class GuessablePasswordValidator : IPasswordValidator<Person>
{
    public const int MinimumScore = 3;

    private static readonly string[] ServiceWords = ["goldenthread", "golden", "thread", "council", "partnership", "performance", "wessexshire"];

    public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IsGuessable(password, PersonalWords(user))
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordGuessable",
                Description = "Choose a password that is harder to guess: it is a common password, or too close to one, to a word or name, or to your own details. Three random words together make a good password.",
            })
            : IdentityResult.Success);
    }

    /// <summary>Whether zxcvbn scores the password below <see cref="MinimumScore"/>, given words about the person.</summary>
    public static bool IsGuessable(string password, IEnumerable<string> personalWords)
    {
        ArgumentNullException.ThrowIfNull(password);
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, [.. ServiceWords, .. personalWords]);
        return result.Score < MinimumScore;
    }

    private static IEnumerable<string> PersonalWords(Person person)
    {
        foreach (var part in (person.FullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return part;
        }

        if (person.Email is { } email)
        {
            yield return email;
            foreach (var part in email.Split('@', '.', '-', '_'))
            {
                yield return part;
            }
        }
    }
}
