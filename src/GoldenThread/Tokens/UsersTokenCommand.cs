using System.CommandLine;
using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Cli;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tokens;

/// <summary>
/// <c>users token --email E --scope read|submit --expires-in 30d [--name N]</c>: makes an API token for a person, for
/// a partner's system set up by an operator. Only the token goes to standard output, so a script can capture it;
/// when it expires goes to standard error. Recorded in the audit trail as done at the command line.
/// </summary>
public static class UsersTokenCommand
{
    public static Command Create(Option<string?> database, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var email = new Option<string>("--email") { Description = "The email address of the person the token acts for.", Required = true };
        var scope = new Option<string>("--scope")
        {
            Description = "read (read everything) or submit (also submit the figures the person may submit).",
            Required = true,
        };
        scope.AcceptOnlyFromAmong("read", "submit");
        var expiresIn = new Option<string>("--expires-in")
        {
            Description = $"How long the token works: hours, days or weeks such as 12h, 30d or 52w; at most {TokenIssuer.LongestLife.TotalDays:0} days.",
            Required = true,
        };
        var name = new Option<string?>("--name") { Description = $"What the token is for, so that the person can tell it apart (at most {ApiToken.NameLength} characters)." };

        var command = new Command("token", "Make an API token for a person; prints only the token, which is shown this once.")
        {
            Options = { email, scope, expiresIn, name },
        };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var lifetime = ParseDuration(parseResult.GetValue(expiresIn));
            var tokenScope = parseResult.GetValue(scope) == "submit" ? TokenScope.Submit : TokenScope.Read;
            var tokenName = (parseResult.GetValue(name) ?? "Made at the command line").Trim();
            if (tokenName.Length == 0 || tokenName.Length > ApiToken.NameLength)
            {
                throw new UserFacingException($"--name must have between 1 and {ApiToken.NameLength} characters.");
            }

            var target = CommandLine.ResolveDatabase(parseResult, database, terminal);
            await using (var db = target.Open())
            {
                await Schema.EnsureCurrentAsync(db, target, terminal.Error, ct);
            }

            await using var services = PeopleServices.Create(target);
            await using var serviceScope = services.CreateAsyncScope();
            var users = serviceScope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var given = parseResult.GetValue(email)!.Trim();
            var person = await users.FindByEmailAsync(given)
                ?? throw new UserFacingException($"No one has the email address '{given}'.");
            if (person.DeactivatedAt is not null)
            {
                throw new UserFacingException($"{person.Email} is deactivated: a deactivated person's tokens do not work. Reactivate them first.");
            }

            if (tokenScope == TokenScope.Submit)
            {
                var stored = serviceScope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
                var grants = await stored.RoleAssignments.AsNoTracking()
                    .Where(r => r.PersonId == person.Id)
                    .Select(r => new Grant(r.Role, r.IndicatorId, r.AreaId, r.BodyId))
                    .ToListAsync(ct);
                if (!AccessRules.MaySubmitAny(new Actor(person.OrganisationId, grants)))
                {
                    throw new UserFacingException(
                        $"{person.Email} may submit no figures (no role of theirs allows it), so a submit token would do nothing more than a read one. Use --scope read, or grant them a role first.");
                }
            }

            var issuer = serviceScope.ServiceProvider.GetRequiredService<TokenIssuer>();
            var issued = await issuer.IssueAsync(person.Id, tokenName, tokenScope, lifetime, AuditActor.CommandLine, ct);
            await terminal.Out.WriteLineAsync(issued.Secret);
            await terminal.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Token '{issued.Stored.Name}' ({issued.Stored.Prefix}…) for {person.Email}, scope {TokenIssuer.ScopeWord(tokenScope)}, expires {issued.Stored.ExpiresAt:yyyy-MM-dd HH:mm} UTC. It is not shown again."));
            return 0;
        }));
        return command;
    }

    /// <summary>Reads <c>12h</c>, <c>30d</c> or <c>52w</c>: a whole number of hours, days or weeks, from an hour up to the longest life.</summary>
    public static TimeSpan ParseDuration(string? text)
    {
        const string Expected = "expected a whole number of hours, days or weeks, such as 12h, 30d or 52w";
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length < 2 || !int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new UserFacingException($"--expires-in '{text}' is not a duration; {Expected}.");
        }

        var unit = char.ToLowerInvariant(trimmed[^1]);
        var hours = unit switch
        {
            'h' => (long)count,
            'd' => count * 24L,
            'w' => count * 24L * 7,
            _ => throw new UserFacingException($"--expires-in '{text}' is not a duration; {Expected}."),
        };
        if (count == 0)
        {
            throw new UserFacingException($"--expires-in '{text}' is no time at all; a token must work for at least an hour.");
        }

        if (hours > TokenIssuer.LongestLife.TotalHours)
        {
            throw new UserFacingException($"--expires-in '{text}' is too long: a token works for at most {TokenIssuer.LongestLife.TotalDays:0} days, so that a forgotten one stops working.");
        }

        return TimeSpan.FromHours(hours);
    }
}
