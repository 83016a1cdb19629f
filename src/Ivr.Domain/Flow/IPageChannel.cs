using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>The clinician's line during a voice page: what every clinician script can do, plus the message's audio and the call back.</summary>
public interface IPageChannel : IClinicianChannel
{
    /// <summary>
    /// Plays <paramref name="introPromptId"/> and then the recording kept at <paramref name="recording"/>;
    /// nothing at all when there is no such recording.
    /// </summary>
    Task PlayRecordingAsync(string introPromptId, string? recording, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="text"/> (patient data) into speech this line can play, kept only until the result is
    /// disposed. Null when it cannot be made: the channel logs why, never the text.
    /// </summary>
    Task<IPageSpeech?> RenderSpeechAsync(string text, CancellationToken cancellationToken);

    /// <summary>Plays speech <see cref="RenderSpeechAsync"/> made.</summary>
    Task SpeakAsync(IPageSpeech speech, CancellationToken cancellationToken);

    /// <summary>
    /// Calls the patient back on <paramref name="number"/>, showing the practice's number (never the clinician's),
    /// into a conference room of its own. Returns that room once the patient answered; null when they did not or could not be called.
    /// </summary>
    Task<string?> CallPatientAsync(PatientMessage message, Practice? practice, long attemptId, string number, CancellationToken cancellationToken);
}
