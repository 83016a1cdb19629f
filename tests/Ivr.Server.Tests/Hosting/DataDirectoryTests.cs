using System.Diagnostics;
using Ivr.Data;
using Ivr.Portal;
using Ivr.Portal.Security;
using Ivr.Server.Hosting;
using Ivr.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Tests.Hosting;

/// <summary>Needs a temporary folder: every file the service keeps lands under the one data directory.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("ivr-datadir-").FullName;

    private string Folder => Path.Combine(_parent, "data");

    [Fact]
    public async Task TheHostStartedWithADataDirectoryKeepsTheDatabaseKeysCertificateAndKeyRingUnderIt()
    {
        var started = DateTime.UtcNow;
        var workingFolderData = Path.Combine(Environment.CurrentDirectory, "data");
        var hadWorkingFolderData = Directory.Exists(workingFolderData);

        using (var host = IvrHost.Build([$"--Data:Directory={Folder}", "--Portal:Enabled=true"]))
        {
            // What the service makes on its first start: the schema, the patient-data key, the certificate, the cookie keys.
            await host.Services.GetRequiredService<Database>().MigrateAsync();
            host.Services.GetRequiredService<PhiProtector>();
            using (PortalCertificate.LoadOrCreate(host.Services.GetRequiredService<IOptions<PortalOptions>>().Value, TimeProvider.System))
            {
            }

            host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("cookie");
        }

        var files = Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f)).ToList();
        Assert.Contains("ivr.db", files);
        Assert.Contains(Path.Combine("keys", "phi.key"), files);
        Assert.Contains(Path.Combine("portal", "certificate.pfx"), files);
        Assert.Contains(files, f => f.StartsWith(Path.Combine("portal", "keys") + Path.DirectorySeparatorChar, StringComparison.Ordinal) && f.EndsWith(".xml", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Folder, "ivr.db")));

        // Nothing beside it: not under the working folder, not in the sources.
        Assert.Equal(hadWorkingFolderData, Directory.Exists(workingFolderData));
        var sources = Path.Combine(RepositoryFiles.Root, "src");
        var written = Directory.EnumerateFiles(sources, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.GetLastWriteTimeUtc(f) >= started);
        Assert.Empty(written);
    }

    [Fact]
    public void APathSetOnItsOwnStillWins()
    {
        var database = Path.Combine(_parent, "elsewhere.db");

        using var host = IvrHost.Build([$"--Data:Directory={Folder}", $"--Data:ConnectionString=Data Source={database}"]);

        Assert.Equal($"Data Source={database}", host.Services.GetRequiredService<DataOptions>().ConnectionString);
        Assert.Equal(Path.Combine(Folder, "keys", "phi.key"), host.Services.GetRequiredService<DataOptions>().KeyFile);
    }

    [Theory]
    [InlineData("data/ivr.db")]
    [InlineData("data/portal/keys/key-1.xml")]
    [InlineData("src/Ivr.Server/data/portal/keys/key-1.xml")]
    [InlineData("src/Ivr.Server/data/ivr.db")]
    public void GitIgnoresEveryFileUnderADataFolder(string path)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "check-ignore", "--quiet", "--no-index", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);
}
