using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoldenThread.Accounts;

/// <summary>
/// The certificate that encrypts the site's key ring (the keys for cookies, reset links and authenticator keys)
/// before it is stored in the database, so that a copy of the database alone cannot forge a session or read an
/// authenticator key. It is a PFX file named by configuration and kept apart from the database's backups; the
/// demonstration makes its own for the run.
/// </summary>
public static class KeyCertificates
{
    public const string PathSetting = "GoldenThread:Keys:Certificate";
    public const string PasswordSetting = "GoldenThread:Keys:CertificatePassword";

    /// <summary>The settings as environment variables, for messages.</summary>
    public const string PathVariable = "GoldenThread__Keys__Certificate";
    public const string PasswordVariable = "GoldenThread__Keys__CertificatePassword";

    public const string MakeOne = "Make one with: goldenthread keys create --file /etc/goldenthread/keys.pfx";

    private static readonly Lazy<X509Certificate2> Run = new(() => Create("GoldenThread demonstration keys (this run only)", TimeSpan.FromDays(7)));

    /// <summary>
    /// A certificate made for this run of the program and never written anywhere: the demonstration's and the
    /// tests'. Keys protected by it cannot be read after the program stops.
    /// </summary>
    public static X509Certificate2 ForThisRun => Run.Value;

    /// <summary>The certificate named by configuration; a clear error saying what to set when it is missing or unreadable.</summary>
    public static X509Certificate2 FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[PathSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserFacingException(
                $"No certificate protects the site's keys (for sign-in cookies, reset links and authenticator apps). Set {PathVariable} to the path of a PFX file "
                + $"(and {PasswordVariable} if it has a password). {MakeOne} (and keep it out of the database's backups).");
        }

        var password = configuration[PasswordSetting];
        return Load(path, string.IsNullOrEmpty(password) ? null : password);
    }

    /// <summary>Reads a PFX file with its private key, or says what is wrong with it.</summary>
    public static X509Certificate2 Load(string path, string? password)
    {
        ArgumentNullException.ThrowIfNull(path);
        var problem = $"The certificate in {PathVariable} ('{path}') cannot be used";
        if (!File.Exists(path))
        {
            throw new UserFacingException($"{problem}: there is no such file. Check the path, or {char.ToLowerInvariant(MakeOne[0])}{MakeOne[1..]}");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new UserFacingException(
                $"{problem}: it could not be read as a PFX file{(password is null ? $" without a password (set {PasswordVariable} if it has one)" : $" with the password in {PasswordVariable}")} ({e.Message.TrimEnd('.')}).");
        }
        catch (IOException e)
        {
            throw new UserFacingException($"{problem}: it could not be read ({e.Message.TrimEnd('.')}).");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserFacingException($"{problem}: this user may not read it.");
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new UserFacingException($"{problem}: it has no RSA private key, which is needed to read the keys back. {MakeOne}");
        }

        return certificate;
    }

    /// <summary>A new self-signed certificate with a 3072-bit RSA key, for encrypting the key ring only.</summary>
    public static X509Certificate2 Create(string subject, TimeSpan lifetime)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + subject.Replace(",", " ", StringComparison.Ordinal)), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now + lifetime);
    }

    /// <summary>A new certificate as PFX bytes, encrypted with AES-256 when a password is given.</summary>
    public static byte[] CreatePfx(string? password)
    {
        using var certificate = Create("GoldenThread keys", TimeSpan.FromDays(3650));
        return certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }
}
