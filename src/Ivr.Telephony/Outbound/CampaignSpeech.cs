using Ivr.Domain.Outbound;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// A campaign's words as audio, made the way typed greetings are (<see cref="GreetingRenderer"/>: flite then sox into
/// Asterisk's sounds, named by the words, made once). The words are the campaign's, the same for every patient: no one
/// patient's data is ever spoken into a file. The preview is the very file calls play.
/// </summary>
public sealed class CampaignSpeech(GreetingRenderer renderer, IOptions<PromptsOptions> options) : ICampaignSpeech
{
    public bool Available => options.Value.SoundsDirectory is { Length: > 0 } folder && Directory.Exists(folder);

    /// <summary>What the files' names carry in place of a practice: the same words make the same file, preview or call.</summary>
    private const string Owner = "campaign";

    public async Task<CampaignPrompts> RenderAsync(Campaign campaign, string practiceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new CampaignPrompts(
            await renderer.RenderAsync(Owner, CampaignScript.Person(practiceName, campaign), cancellationToken),
            await renderer.RenderAsync(Owner, CampaignScript.Voicemail(practiceName, campaign), cancellationToken));
    }

    public async Task<byte[]> PreviewAsync(string text, CancellationToken cancellationToken = default) =>
        await File.ReadAllBytesAsync(renderer.PathOf(await renderer.RenderAsync(Owner, text, cancellationToken)), cancellationToken);
}
