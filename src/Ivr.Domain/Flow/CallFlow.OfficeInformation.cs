using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>Office information: whether the office is open and when it opens, then its words; then the main menu again.</summary>
public sealed partial class CallFlow
{
    /// <summary>
    /// Plays the sentences for now, each from audio rendered ahead of time (never synthesised on the call); a sentence
    /// whose audio is missing is replaced by a fixed prompt, once, and the miss is on the call record.
    /// </summary>
    private async Task<CallTrigger> OfficeInformationAsync(CancellationToken cancellationToken)
    {
        _session.OfficeInformationHeard++;
        var information = _session.Practice.OfficeInformation;
        var prompts = information?.PromptIdsAt(_dependencies.Time.GetUtcNow()) ?? [];
        var missing = prompts.Where(id => !_dependencies.RenderedPrompts.Has(id)).ToArray();
        if (prompts.Count == 0 || missing.Length > 0)
        {
            await DecideAsync("office-information", prompts.Count == 0
                ? "the practice has no office information: said the fixed prompt"
                : $"audio of {string.Join(", ", missing)} is not rendered: said the fixed prompt instead").ConfigureAwait(false);
            await _channel.PlayAsync([PromptIds.OfficeInformationUnavailable], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await DecideAsync("office-information", $"said {string.Join(", ", prompts)} ({_session.OfficeInformationHeard} of {OfficeInformation.MaxPerCall} this call)").ConfigureAwait(false);
            await _channel.PlayAsync(prompts, cancellationToken).ConfigureAwait(false);
        }

        Path(_dependencies.Time.GetUtcNow(), "heard the office information");
        return CallTrigger.Continue;
    }
}
