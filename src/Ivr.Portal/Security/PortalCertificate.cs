using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Ivr.Portal.Security;

/// <summary>
/// The portal's HTTPS certificate: the configured PKCS#12 file, or a self-signed one made at first
/// start. The made one's password is random and kept in a key file beside it; both are owner-only.
/// A made certificate that is about to run out is made again; a configured one is never replaced.
/// </summary>
public static class PortalCertificate
{
    private const string Subject = "CN=ivr portal (self-signed)";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(14);

    /// <summary>The key file that holds the password of <paramref name="certificatePath"/>.</summary>
    public static string KeyPath(string certificatePath) => Path.ChangeExtension(certificatePath, ".key");

    public static X509Certificate2 LoadOrCreate(PortalOptions options, TimeProvider time)
    {
        var path = Path.GetFullPath(options.CertificatePath);
        var keyPath = KeyPath(path);
        var now = time.GetUtcNow();
        if (File.Exists(path))
        {
            var password = options.CertificatePassword
                ?? (File.Exists(keyPath) ? File.ReadAllText(keyPath).Trim() : throw new InvalidOperationException($"The portal certificate {path} has no password: put it in {keyPath} or Portal__CertificatePassword."));
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            var madeHere = options.CertificatePassword is null && existing.Subject == Subject && existing.Issuer == Subject;
            if (!madeHere || existing.NotAfter.ToUniversalTime() - RenewBefore > now.UtcDateTime)
            {
                return existing;
            }

            existing.Dispose();
        }

        return Create(path, keyPath, options.Address, now);
    }

    private static X509Certificate2 Create(string path, string keyPath, string address, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        if (IPAddress.TryParse(address, out var ip) && !IPAddress.IsLoopback(ip) && !ip.Equals(IPAddress.Any))
        {
            names.AddIpAddress(ip);
        }

        names.AddDnsName(Dns.GetHostName());
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var pfx = certificate.Export(X509ContentType.Pkcs12, password);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteOwnerOnly(keyPath, Encoding.ASCII.GetBytes(password));
        WriteOwnerOnly(path, pfx);
        return X509CertificateLoader.LoadPkcs12(pfx, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static void WriteOwnerOnly(string path, byte[] content)
    {
        // Written beside and moved over, so a crash never leaves half a key; the mode is set at creation.
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
