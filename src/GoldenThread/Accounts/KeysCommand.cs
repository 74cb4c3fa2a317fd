using System.CommandLine;
using GoldenThread.Cli;

namespace GoldenThread.Accounts;

/// <summary>
/// <c>keys create --file PATH</c>: writes a new self-signed certificate (PFX) for encrypting the site's key ring,
/// protected by the password in <c>GoldenThread__Keys__CertificatePassword</c> when that is set. The file is
/// readable by its owner only and is never overwritten: losing it loses every session and authenticator key.
/// </summary>
public static class KeysCommand
{
    public static Command Create(Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var file = new Option<string>("--file") { Description = "Where to write the new certificate (a .pfx file); it must not exist yet.", Required = true };
        var create = new Command("create", $"Make a certificate to protect the site's keys; name it with {KeyCertificates.PathVariable}.") { Options = { file } };
        create.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var path = Path.GetFullPath(parseResult.GetValue(file)!);
            if (File.Exists(path))
            {
                throw new UserFacingException($"{path} already exists: it may be the certificate that protects a site's keys, so it is not replaced. Choose another --file.");
            }

            var password = terminal.Environment(KeyCertificates.PasswordVariable);
            var pfx = KeyCertificates.CreatePfx(string.IsNullOrEmpty(password) ? null : password);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                await using var stream = new FileStream(path, options);
                await stream.WriteAsync(pfx, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserFacingException($"{path} could not be written: {e.Message}");
            }

            await terminal.Error.WriteLineAsync(
                $"Wrote {path}{(string.IsNullOrEmpty(password) ? " (no password: keep the file readable by the site's user only)" : $", protected by the password in {KeyCertificates.PasswordVariable}")}. "
                + $"Set {KeyCertificates.PathVariable}={path} for the site, keep a copy somewhere safe away from the database's backups, and do not lose it: without it no one stays signed in and every authenticator app must be set up again.");
            return 0;
        }));
        return new Command("keys", "The certificate that protects the site's keys.") { Subcommands = { create } };
    }
}
