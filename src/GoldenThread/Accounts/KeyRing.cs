using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using GoldenThread.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Accounts;

/// <summary>
/// The data-protection key ring: kept in the database so that several copies of the site share it, and each key
/// encrypted with a certificate that is not in the database. A key stored in clear by an earlier version is never
/// used, and is deleted when the ring is next read.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "GoldenThread";

    /// <summary>
    /// Data protection over the database, encrypted with <paramref name="certificate"/>. Without one (the command
    /// line, which needs no keys for what it does) any use of a key stops with a message saying what to set.
    /// </summary>
    public static IDataProtectionBuilder AddGoldenThreadKeyRing(this IServiceCollection services, X509Certificate2? certificate)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (certificate is null)
        {
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new NoKeyRing());
            return protection;
        }

        protection.ProtectKeysWithCertificate(certificate);
        services.AddSingleton<EncryptedKeyRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<EncryptedKeyRepository>((o, repository) => o.XmlRepository = repository);
        return protection;
    }

    /// <summary>Whether a key element stored by data protection has its secret encrypted (or holds no secret: a revocation).</summary>
    public static bool IsProtected(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Name.LocalName != "key" || element.Descendants().Any(e => e.Name.LocalName == "encryptedSecret");
    }

    /// <summary>The table <c>data_protection_keys</c>, giving data protection only the keys that are encrypted.</summary>
    private sealed class EncryptedKeyRepository(IServiceProvider services) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
            var rows = db.DataProtectionKeys.AsNoTracking().ToList();
            var elements = new List<XElement>();
            var clear = new List<int>();
            foreach (var row in rows)
            {
                if (string.IsNullOrEmpty(row.Xml))
                {
                    continue;
                }

                var element = XElement.Parse(row.Xml);
                if (IsProtected(element))
                {
                    elements.Add(element);
                }
                else
                {
                    clear.Add(row.Id);
                }
            }

            if (clear.Count > 0)
            {
                // Stored in clear before the keys were encrypted: a copy of the database could forge with it, so it goes.
                db.DataProtectionKeys.Where(k => clear.Contains(k.Id)).ExecuteDelete();
            }

            return elements;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            ArgumentNullException.ThrowIfNull(element);
            if (!IsProtected(element))
            {
                throw new InvalidOperationException("A data-protection key was about to be stored in clear; the key ring must be encrypted with the certificate.");
            }

            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            db.SaveChanges();
        }
    }

    /// <summary>A key ring that refuses to be used: for the command line, which is given no certificate.</summary>
    private sealed class NoKeyRing : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => throw Refusal();

        public void StoreElement(XElement element, string friendlyName) => throw Refusal();

        private static UserFacingException Refusal() => new(
            "This needs the site's keys, which the command line does not have: do it on the web site.");
    }
}
