namespace Ivr.Domain.Outbound;

/// <summary>
/// Makes a campaign's words into audio with the service's text-to-speech (the typed greetings' path): the prompts its
/// calls play (<see cref="CampaignScript.Person"/> and <see cref="CampaignScript.Voicemail"/>), and a WAV for staff to hear
/// before they start it.
/// </summary>
public interface ICampaignSpeech
{
    /// <summary>Whether speech can be made here at all (the service has a sounds folder to speak into).</summary>
    bool Available { get; }

    /// <summary>The prompt ids of the person's message and of the voicemail, made (once) into audio Asterisk plays.</summary>
    Task<CampaignPrompts> RenderAsync(Campaign campaign, string practiceName, CancellationToken cancellationToken = default);

    /// <summary>A telephone WAV of <paramref name="text"/> for the portal's preview.</summary>
    Task<byte[]> PreviewAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>The prompt ids a campaign's calls play.</summary>
public sealed record CampaignPrompts(string Person, string Voicemail);
