using Ivr.Data;
using Ivr.Domain.Flow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Seals every recording of a call (name and message, re-recordings included) once the call is over,
/// and at start the plain recordings a killed service left behind.
/// </summary>
public sealed class RecordingSealer(RecordingVault vault, IOptions<RecordingOptions> recordings, ILogger<RecordingSealer> logger) : IRecordingSealer
{
    public async Task SealAsync(CallSession session, CancellationToken cancellationToken)
    {
        var directory = session.MessageRecording?.Path ?? session.NameRecording?.Path;
        if (directory is null)
        {
            return;
        }

        // Every take this call recorded is sealed, earlier ones too: none is left in plain.
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(directory)!).Where(f => !f.EndsWith(".enc", StringComparison.Ordinal) && RecordingName.IsOfCall(f, session.UniqueId)))
        {
            try
            {
                await vault.SealAsync(file, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                logger.LogError(exception, "Could not seal a recording of call {UniqueId}", session.UniqueId);
            }
        }
    }

    /// <summary>
    /// Seals the plain recordings in the recording folder last written before <paramref name="before"/>
    /// (this process's start: no call of this process had begun, and a recording still being made is
    /// written to continuously). Returns how many were sealed.
    /// </summary>
    public async Task<int> SealLeftoversAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var folder = recordings.Value.HostDirectory;
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var sealedCount = 0;
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => RecordingName.TryParse(f, out _) && !f.EndsWith(".enc", StringComparison.Ordinal) && !f.EndsWith(".tmp", StringComparison.Ordinal)).ToList())
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < before.UtcDateTime && await vault.SealAsync(file, cancellationToken) is not null)
                {
                    sealedCount++;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                logger.LogError(exception, "Could not seal a leftover recording {File}", Path.GetFileName(file));
            }
        }

        if (sealedCount > 0)
        {
            logger.LogWarning("Sealed {Count} plain recording(s) a stopped service had left in the recording folder", sealedCount);
        }

        return sealedCount;
    }
}
