using Ivr.Domain.Practices;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Practices;

/// <summary>
/// Speaks a practice's typed greeting into Asterisk's sounds as <c>ivr/greeting-{practice}-{hash}.wav</c>,
/// the way <c>scripts/prompts</c> renders the manifest: the default voice (<see cref="TextToSpeech"/>), then sox to 8 kHz mono 16-bit. The id
/// names the words, so the same words reuse their file, a file is never changed under a playing call,
/// and older revisions keep pointing at audio that exists. The file appears whole (rendered beside it
/// and renamed) or not at all.
/// </summary>
public sealed class GreetingRenderer(IOptions<PromptsOptions> options, ILogger<GreetingRenderer> logger)
{
    /// <summary>The rendered greetings among Asterisk's sounds.</summary>
    public const string FilePattern = "greeting-*.wav";

    /// <summary>The prompt id of <paramref name="text"/> as <paramref name="practiceId"/>'s greeting.</summary>
    public static string PromptId(string practiceId, string text) => PracticePromptIds.Of(practiceId, text);

    /// <summary>Where the audio of a prompt id lives, as this service sees it.</summary>
    public string PathOf(string promptId) => Path.Combine(options.Value.SoundsDirectory, "ivr", promptId + ".wav");

    /// <summary>Renders the words and returns the prompt id that plays them.</summary>
    /// <exception cref="GreetingRenderException">No sounds folder, no voice (festival or flite) or sox, or they failed; nothing was written.</exception>
    public async Task<string> RenderAsync(string practiceId, string text, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.SoundsDirectory) || !Directory.Exists(settings.SoundsDirectory))
        {
            throw new GreetingRenderException($"Asterisk's sounds folder '{settings.SoundsDirectory}' (setting Prompts:SoundsDirectory) does not exist, so the greeting cannot be made into audio.");
        }

        var id = PromptId(practiceId, text);
        var target = PathOf(id);
        if (File.Exists(target) && WavFormat.IsTelephoneWav(target))
        {
            return id;
        }

        var folder = Path.GetDirectoryName(target)!;
        string work;
        try
        {
            Directory.CreateDirectory(folder);
            // Hidden names beside the target: the final rename stays on one file system, and no prompt id names them.
            work = Path.Combine(folder, $".{id}-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(work + ".txt", text, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new GreetingRenderException($"The greeting's audio cannot be written to '{folder}': {exception.Message}", exception);
        }

        try
        {
            if ((await TextToSpeech.SpeakAsync(settings, work + ".txt", work + ".speech.wav", cancellationToken)
                ?? await TextToSpeech.ForTelephoneAsync(settings, work + ".speech.wav", work + ".wav", cancellationToken)) is { } failure)
            {
                throw new GreetingRenderException(Words(failure), failure.Cause);
            }

            File.Move(work + ".wav", target, overwrite: true);
        }
        catch (IOException exception)
        {
            throw new GreetingRenderException($"The greeting's audio cannot be written to '{folder}': {exception.Message}", exception);
        }
        finally
        {
            foreach (var leftover in new[] { ".txt", ".speech.wav", ".wav" })
            {
                File.Delete(work + leftover);
            }
        }

        logger.LogInformation("Rendered greeting {PromptId} for practice {PracticeId} into {File}", id, practiceId, target);
        return id;
    }

    private static string Words(SpeechFailure failure) => failure.Problem switch
    {
        SpeechProblem.TooSlow => $"'{failure.Program}' took longer than {failure.Timeout.TotalSeconds:0} s to render the greeting.",
        SpeechProblem.NotInstalled => $"'{failure.Program}' is not installed here (setting {failure.Setting}), so the greeting cannot be made into audio.",
        SpeechProblem.Failed => $"'{failure.Program}' failed to render the greeting (exit {failure.ExitCode}){(failure.FirstErrorLine.Length > 0 ? ": " + failure.FirstErrorLine : string.Empty)}.",
        _ => "The greeting's audio came out empty or not as 8 kHz mono 16-bit WAV.",
    };
}
