using Ivr.Domain.Flow;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Speaks a typed message's words for a voice page with the text-to-speech the service renders greetings with
/// (the default voice, <see cref="PromptsOptions.Festival"/> or <see cref="PromptsOptions.Flite"/>, then <see cref="PromptsOptions.Sox"/> to 8 kHz mono 16-bit WAV). The words
/// are patient data, so everything is made in the voice page's sealed playback folder (<see cref="SealedPlayback"/>,
/// a memory file system shared with Asterisk's group only), never among the prompts: the words go to the voice in an
/// owner-only file deleted as soon as it has read them, never on a command line, and the audio lives until the page
/// has played it. A failure is logged by its cause alone, never with the words or what the programs printed.
/// </summary>
public sealed class PageSpeech(SealedPlayback playback, IOptions<PromptsOptions> prompts, ILogger<PageSpeech> logger)
{
    /// <summary>The audio of <paramref name="text"/>, deleted when the lease is disposed; null when it cannot be made (logged).</summary>
    public async Task<PlaybackLease?> RenderAsync(string text, CancellationToken cancellationToken = default)
    {
        var settings = prompts.Value;
        PlaybackLease lease;
        try
        {
            lease = playback.Reserve();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("A typed message cannot be spoken on the voice page: the playback folder cannot be used ({Error})", exception.GetType().Name);
            return null;
        }

        var stem = Path.ChangeExtension(lease.HostPath, null);
        try
        {
            await WriteOwnerOnlyAsync(stem + ".txt", text, cancellationToken);
            var spoken = await TextToSpeech.SpeakAsync(settings, stem + ".txt", stem + ".speech.wav", cancellationToken);
            File.Delete(stem + ".txt");
            if ((spoken ?? await TextToSpeech.ForTelephoneAsync(settings, stem + ".speech.wav", lease.HostPath, cancellationToken)) is { } failure)
            {
                throw new SpeechFailedException(Cause(failure));
            }

            if (!OperatingSystem.IsWindows())
            {
                // Asterisk reads it as a member of the folder's group, as it reads decrypted recordings.
                File.SetUnixFileMode(lease.HostPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            }

            return lease;
        }
        catch (Exception exception) when (exception is SpeechFailedException or IOException or UnauthorizedAccessException)
        {
            lease.Dispose();
            var cause = exception is SpeechFailedException ? exception.Message : "the playback folder cannot be written (" + exception.GetType().Name + ")";
            logger.LogWarning("A typed message cannot be spoken on the voice page: {Cause}; the clinician hears the callback number and reads the rest in the portal", cause);
            return null;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
        finally
        {
            File.Delete(stem + ".txt");
            File.Delete(stem + ".speech.wav");
        }
    }

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }

    /// <summary>Why speech failed, by its cause alone: what the programs printed may quote the words, so only the exit code is told.</summary>
    private static string Cause(SpeechFailure failure) => failure.Problem switch
    {
        SpeechProblem.TooSlow => $"'{failure.Program}' took longer than {failure.Timeout.TotalSeconds:0} s",
        SpeechProblem.NotInstalled => $"'{failure.Program}' is not installed here (setting {failure.Setting})",
        SpeechProblem.Failed => $"'{failure.Program}' failed (exit {failure.ExitCode})",
        _ => "the audio came out empty or not as 8 kHz mono 16-bit WAV",
    };

    private sealed class SpeechFailedException(string message) : Exception(message);
}
