using Ivr.Data;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Lets Asterisk play a sealed recording: the audio is decrypted into a memory file system
/// (<see cref="RecordingOptions.PlaybackDirectory"/>; the folder shared with Asterisk's group only, the file
/// 0640) for as long as the page
/// plays it and deleted right after; leftovers of a killed service are deleted at start. When the
/// memory folder cannot be used the copy goes to the recording folder's <c>playback/</c>, with a warning.
/// </summary>
public sealed class SealedPlayback(RecordingVault vault, IOptions<RecordingOptions> recordings, ILogger<SealedPlayback> logger)
{
    private readonly Lazy<(string Host, string Asterisk)> _folder = new(() => Choose(recordings.Value, logger));

    /// <summary>Where the plain copies go, as this service sees the folder.</summary>
    public string HostFolder => _folder.Value.Host;

    private string FallbackHostFolder => Path.Combine(recordings.Value.HostDirectory, "playback");

    /// <summary>Decrypts <paramref name="plainPath"/>'s sealed copy; the lease deletes the plain copy when disposed. Null when there is none.</summary>
    public async Task<PlaybackLease?> OpenAsync(string? plainPath, CancellationToken cancellationToken)
    {
        if (plainPath is null || !File.Exists(RecordingVault.SealedPath(plainPath)))
        {
            return null;
        }

        var (hostFolder, asteriskFolder) = _folder.Value;
        PrivateFolder.CreateShared(hostFolder);
        var name = Guid.NewGuid().ToString("N");
        var extension = Path.GetExtension(plainPath);
        var hostPath = Path.Combine(hostFolder, name + extension);
        await vault.WritePlainCopyAsync(plainPath, hostPath, cancellationToken);

        return new PlaybackLease(hostPath, $"{asteriskFolder.TrimEnd('/')}/{name}");
    }

    /// <summary>
    /// A new place in the folder for audio made here rather than decrypted (a typed message's words spoken for a
    /// page): nothing is written yet; the lease deletes whatever is written at <see cref="PlaybackLease.HostPath"/>.
    /// </summary>
    public PlaybackLease Reserve()
    {
        var (hostFolder, asteriskFolder) = _folder.Value;
        PrivateFolder.CreateShared(hostFolder);
        var name = Guid.NewGuid().ToString("N");
        return new PlaybackLease(Path.Combine(hostFolder, name + ".wav"), $"{asteriskFolder.TrimEnd('/')}/{name}");
    }

    /// <summary>Deletes plain copies a killed service left behind, in the memory folder and the fallback.</summary>
    public void DeleteLeftovers()
    {
        foreach (var folder in new[] { HostFolder, FallbackHostFolder }.Distinct())
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static (string Host, string Asterisk) Choose(RecordingOptions options, ILogger logger)
    {
        var host = options.PlaybackHostDirectory ?? AsHost(options);
        try
        {
            PrivateFolder.CreateShared(host);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var fallback = Path.Combine(options.HostDirectory, "playback");
            logger.LogWarning("Voice-page playback folder {Folder} cannot be used ({Reason}); plain copies go to {Fallback}, on disk", host, exception.Message, fallback);
            return (fallback, $"{options.AsteriskDirectory.TrimEnd('/')}/playback");
        }

        if (!MemoryFileSystem.Holds(host))
        {
            logger.LogWarning("Voice-page playback folder {Folder} is not on a memory file system: decrypted audio reaches a disk while a page plays it", host);
        }

        return (host, options.PlaybackDirectory);
    }

    /// <summary>Asterisk's path as this service sees it: the chroot's root (what HostDirectory adds to AsteriskDirectory) in front.</summary>
    private static string AsHost(RecordingOptions options)
    {
        var host = options.HostDirectory.TrimEnd('/');
        var asterisk = options.AsteriskDirectory.TrimEnd('/');
        var root = host.EndsWith(asterisk, StringComparison.Ordinal) ? host[..^asterisk.Length] : string.Empty;
        return root + options.PlaybackDirectory;
    }
}

/// <summary>A plain copy of a recording (or spoken words), as Asterisk names it (no extension); deleted on dispose.</summary>
public sealed class PlaybackLease(string hostPath, string asteriskName) : IDisposable
{
    public string AsteriskName => asteriskName;

    /// <summary>The file as this service sees it.</summary>
    public string HostPath => hostPath;

    public void Dispose() => File.Delete(hostPath);
}
