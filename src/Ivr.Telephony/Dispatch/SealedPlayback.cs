using Ivr.Data;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Lets Asterisk play a sealed recording: the audio is decrypted into the playback folder (owner-only)
/// for as long as the page plays it and deleted right after; leftovers of a killed service are
/// deleted at start. Point <see cref="RecordingOptions.HostDirectory"/>'s <c>playback</c> folder at a
/// tmpfs in production so the plain copy never reaches a disk.
/// </summary>
public sealed class SealedPlayback(RecordingVault vault, IOptions<RecordingOptions> recordings)
{
    private string HostFolder => Path.Combine(recordings.Value.HostDirectory, "playback");

    /// <summary>Decrypts <paramref name="plainPath"/>'s sealed copy; the lease deletes the plain copy when disposed. Null when there is none.</summary>
    public async Task<PlaybackLease?> OpenAsync(string? plainPath, CancellationToken cancellationToken)
    {
        if (plainPath is null || !File.Exists(RecordingVault.SealedPath(plainPath)))
        {
            return null;
        }

        Directory.CreateDirectory(HostFolder);
        var name = Guid.NewGuid().ToString("N");
        var extension = Path.GetExtension(plainPath);
        var hostPath = Path.Combine(HostFolder, name + extension);
        await vault.WritePlainCopyAsync(plainPath, hostPath, cancellationToken);

        return new PlaybackLease(hostPath, $"{recordings.Value.AsteriskDirectory.TrimEnd('/')}/playback/{name}");
    }

    /// <summary>Deletes plain copies a killed service left behind.</summary>
    public void DeleteLeftovers()
    {
        if (Directory.Exists(HostFolder))
        {
            foreach (var file in Directory.EnumerateFiles(HostFolder))
            {
                File.Delete(file);
            }
        }
    }
}

/// <summary>A plain copy of a recording, as Asterisk names it (no extension); deleted on dispose.</summary>
public sealed class PlaybackLease(string hostPath, string asteriskName) : IDisposable
{
    public string AsteriskName => asteriskName;

    public void Dispose() => File.Delete(hostPath);
}
