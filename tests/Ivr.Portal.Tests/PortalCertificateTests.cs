using Microsoft.Extensions.Time.Testing;
using System.Security.Cryptography.X509Certificates;
using Ivr.Portal;
using Ivr.Portal.Security;

namespace Ivr.Portal.Tests;

/// <summary>Needs a temporary folder: the portal's self-signed certificate, made once, owner-only, renewed before it runs out.</summary>
public sealed class PortalCertificateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ivr-cert-" + Guid.NewGuid().ToString("N"));

    private PortalOptions Options => new() { CertificatePath = Path.Combine(_directory, "portal", "certificate.pfx") };

    [Fact]
    public void AMissingCertificateIsMadeOwnerOnlyWithItsPasswordBesideItAndLoadedAgainNextTime()
    {
        using var first = PortalCertificate.LoadOrCreate(Options, new FakeTimeProvider(Start));
        using var second = PortalCertificate.LoadOrCreate(Options, new FakeTimeProvider(Start.AddDays(1)));

        Assert.True(first.HasPrivateKey);
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        var pfx = Options.CertificatePath;
        var key = PortalCertificate.KeyPath(pfx);
        Assert.False(OperatingSystem.IsWindows(), "The service runs on Linux, beside Asterisk.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pfx));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        Assert.True(File.ReadAllText(key).Length >= 40);
        var names = first.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Loopback, names.EnumerateIPAddresses());
    }

    [Fact]
    public void AMadeCertificateCloseToItsEndIsMadeAgain()
    {
        using var first = PortalCertificate.LoadOrCreate(Options, new FakeTimeProvider(Start));
        using var later = PortalCertificate.LoadOrCreate(Options, new FakeTimeProvider(Start.AddDays(360)));

        Assert.NotEqual(first.Thumbprint, later.Thumbprint);
        Assert.True(later.NotAfter > Start.AddDays(700).UtcDateTime);
    }

    [Fact]
    public void AConfiguredCertificateWithoutItsPasswordIsAClearError()
    {
        using (PortalCertificate.LoadOrCreate(Options, new FakeTimeProvider(Start)))
        {
        }

        File.Delete(PortalCertificate.KeyPath(Options.CertificatePath));

        var error = Assert.Throws<InvalidOperationException>(() => PortalCertificate.LoadOrCreate(Options, new FakeTimeProvider(Start)));
        Assert.Contains("Portal__CertificatePassword", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
