using System.Security.Cryptography;

namespace Ivr.Data.Tests;

/// <summary>Needs a temporary folder (file modes: the service runs on Linux).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RecordingVaultTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ivr-vault-").FullName;

    [Fact]
    public async Task SealedRecordingIsOwnerOnlyAndItsPlaybackCopyIsReadableByTheGroupAsteriskShares()
    {
        var vault = new RecordingVault(new PhiProtector(RandomNumberGenerator.GetBytes(32)));
        var plain = Path.Combine(_folder, "message.wav");
        await File.WriteAllBytesAsync(plain, [1, 2, 3, 4]);

        var sealedPath = await vault.SealAsync(plain);
        var copy = Path.Combine(_folder, "playback.wav");
        await vault.WritePlainCopyAsync(plain, copy);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sealedPath!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(copy));
        Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(copy));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
