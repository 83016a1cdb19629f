using Ivr.Telephony.Hosting;

namespace Ivr.Telephony.Practices;

/// <summary>
/// The service's text-to-speech, in the two steps <c>scripts/prompts</c> takes: the default voice reads a text file
/// into a WAV (festival's <see cref="PromptsOptions.FestivalVoice"/>, or flite's <see cref="PromptsOptions.FliteVoice"/>
/// where festival is not installed or fails), then sox makes it 8 kHz mono 16-bit for Asterisk
/// (<see cref="PromptsOptions.Sox"/>). Typed greetings and voice pages share them; each step answers null or what went
/// wrong, and each caller says it in its own words (a voice page's words are patient data, so it never repeats what
/// the programs printed).
/// </summary>
internal static class TextToSpeech
{
    /// <summary>
    /// The default voice reads <paramref name="textFile"/> into <paramref name="speech"/>: festival first, flite when
    /// festival is switched off (<see cref="PromptsOptions.Festival"/> empty), missing, or fails; flite's failure is
    /// the one told. Festival taking too long is told as it is: a second try would double the wait.
    /// </summary>
    public static async Task<SpeechFailure?> SpeakAsync(PromptsOptions settings, string textFile, string speech, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(settings.Festival))
        {
            var festival = await RunAsync(settings.Festival, "Prompts:Festival", ["-eval", $"(voice_{settings.FestivalVoice})", "-o", speech, textFile], settings.RenderTimeout, cancellationToken);
            if (festival is null && File.Exists(speech) && new FileInfo(speech).Length > 44)
            {
                return null;
            }

            if (festival?.Problem == SpeechProblem.TooSlow)
            {
                return festival;
            }

            File.Delete(speech);
        }

        return await RunAsync(settings.Flite, "Prompts:Flite", ["-f", textFile, "-o", speech, "-voice", settings.FliteVoice], settings.RenderTimeout, cancellationToken);
    }

    /// <summary>
    /// sox makes <paramref name="speech"/> into <paramref name="target"/>, which must come out a telephone WAV at the
    /// one level every prompt has (<see cref="PromptLevel"/>).
    /// </summary>
    public static async Task<SpeechFailure?> ForTelephoneAsync(PromptsOptions settings, string speech, string target, CancellationToken cancellationToken)
    {
        try
        {
            await PromptLevel.ApplyAsync(settings.Sox, speech, target, trim: false, settings.RenderTimeout, cancellationToken);
        }
        catch (ExternalProgramException exception)
        {
            return new SpeechFailure(exception.TimedOut ? SpeechProblem.TooSlow : SpeechProblem.NotInstalled, settings.Sox, "Prompts:Sox", settings.RenderTimeout, Cause: exception);
        }
        catch (PromptLevelException exception)
        {
            return new SpeechFailure(SpeechProblem.Failed, settings.Sox, "Prompts:Sox", settings.RenderTimeout, exception.ExitCode, exception.FirstErrorLine);
        }

        return WavFormat.IsTelephoneWav(target) ? null : new SpeechFailure(SpeechProblem.NotTelephoneAudio, settings.Sox, "Prompts:Sox", settings.RenderTimeout);
    }

    private static async Task<SpeechFailure?> RunAsync(string program, string setting, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ExternalProgram.Result result;
        try
        {
            result = await ExternalProgram.RunAsync(program, arguments, input: null, timeout, cancellationToken);
        }
        catch (ExternalProgramException exception)
        {
            return new SpeechFailure(exception.TimedOut ? SpeechProblem.TooSlow : SpeechProblem.NotInstalled, program, setting, timeout, Cause: exception);
        }

        return result.ExitCode == 0 ? null : new SpeechFailure(SpeechProblem.Failed, program, setting, timeout, result.ExitCode, result.FirstErrorLine);
    }
}

/// <summary>
/// What went wrong with a text-to-speech step: which program (and its setting) and how; the exit code and the first
/// line it printed (which may quote the words) when it failed, the exception when it could not run.
/// </summary>
internal sealed record SpeechFailure(SpeechProblem Problem, string Program, string Setting, TimeSpan Timeout, int ExitCode = 0, string FirstErrorLine = "", Exception? Cause = null);

internal enum SpeechProblem
{
    TooSlow,
    NotInstalled,
    Failed,
    NotTelephoneAudio,
}
