using Ivr.Data;
using Ivr.Domain.Flow;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Calls;

/// <summary>Seals every recording of a call (name and message, re-recordings included) once the call is over.</summary>
public sealed class RecordingSealer(RecordingVault vault, ILogger<RecordingSealer> logger) : IRecordingSealer
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
}
