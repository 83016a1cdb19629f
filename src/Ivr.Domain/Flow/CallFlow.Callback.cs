using Stateless;

namespace Ivr.Domain.Flow;

/// <summary>
/// The callback number: offer the caller id, or key a number that is read back and confirmed. A message and an
/// appointment request ask it the same way, each in its own states (so a hangup saves the right thing).
/// </summary>
public sealed partial class CallFlow
{
    /// <summary>The three callback states of <paramref name="superstate"/>, going on to <paramref name="next"/> once there is a number (or none could be had).</summary>
    private void ConfigureCallback(
        StateMachine<CallState, CallTrigger> machine, CallState superstate, CallState offer, CallState entry, CallState confirm, CallState next, string mayRepeat)
    {
        Repeat(machine.Configure(offer), mayRepeat, entry, "no answer: ask for digits", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(superstate)
            .OnEntryAsync(() => StepAsync(CallbackOfferAsync), "offer the caller id as callback number")
            .Permit(CallTrigger.Key1, next)
            .Permit(CallTrigger.Key2, entry);

        Repeat(machine.Configure(entry), mayRepeat, next, "no valid number: go on without one", CallTrigger.NoInput)
            .SubstateOf(superstate)
            .OnEntryAsync(() => StepAsync(CallbackEntryAsync), "collect callback digits")
            .Permit(CallTrigger.Continue, confirm);

        Repeat(machine.Configure(confirm), mayRepeat, next, "unconfirmed: keep the number entered", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(superstate)
            .OnEntryAsync(() => StepAsync(CallbackConfirmAsync), "read the number back")
            .Permit(CallTrigger.Key1, next)
            .Permit(CallTrigger.Key2, entry);
    }

    private async Task<CallTrigger> CallbackOfferAsync(CancellationToken cancellationToken)
    {
        if (!IsCallbackNumber(_session.CallerId))
        {
            await DecideAsync("callback-offer", "no usable caller id: ask for digits").ConfigureAwait(false);
            return CallTrigger.Key2;
        }

        _session.Attempts++;
        var key = await _channel.AskKeyAsync([PromptIds.CallbackOffer], "12", Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
        switch (key)
        {
            case '1':
                _session.CallbackNumber = _session.CallerId;
                await DecideAsync("callback-offer", "caller chose the caller id as callback number").ConfigureAwait(false);
                return CallTrigger.Key1;
            case '2':
                await DecideAsync("callback-offer", "caller will enter a number").ConfigureAwait(false);
                return CallTrigger.Key2;
            default:
                await DecideAsync("callback-offer", "no input").ConfigureAwait(false);
                return CallTrigger.NoInput;
        }
    }

    private async Task<CallTrigger> CallbackEntryAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var digits = await _channel.AskDigitsAsync(PromptIds.CallbackEnter, Options.MaxCallbackDigits, Options.DigitsTimeout, cancellationToken).ConfigureAwait(false);
        if (!IsCallbackNumber(digits))
        {
            await DecideAsync("callback-entry", $"{digits.Length} digit(s): not a phone number").ConfigureAwait(false);
            if (!MenuMayRepeat && IsCallbackNumber(_session.CallerId))
            {
                _session.CallbackNumber = _session.CallerId;
                await DecideAsync("callback-entry", "kept the caller id as callback number").ConfigureAwait(false);
            }

            return CallTrigger.NoInput;
        }

        _session.PendingCallback = digits;
        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> CallbackConfirmAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;

        // Read back: a transposed callback number is the classic failure of message taking.
        await _channel.PlayAsync([PromptIds.CallbackYouEntered], cancellationToken).ConfigureAwait(false);
        await _channel.SayDigitsAsync(_session.PendingCallback!, cancellationToken).ConfigureAwait(false);
        var key = await _channel.AskKeyAsync([PromptIds.CallbackConfirm], "12", Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
        switch (key)
        {
            case '1':
                _session.CallbackNumber = _session.PendingCallback;
                await DecideAsync("callback-confirm", "caller confirmed the number read back").ConfigureAwait(false);
                return CallTrigger.Key1;
            case '2':
                _session.PendingCallback = null;
                await DecideAsync("callback-confirm", "caller will enter it again").ConfigureAwait(false);
                return CallTrigger.Key2;
            default:
                if (!MenuMayRepeat)
                {
                    _session.CallbackNumber = _session.PendingCallback;
                    await DecideAsync("callback-confirm", "not confirmed: kept as entered").ConfigureAwait(false);
                }

                return CallTrigger.NoInput;
        }
    }

    private bool IsCallbackNumber(string? digits) =>
        digits is not null && digits.Length >= Options.MinCallbackDigits && digits.Length <= Options.MaxCallbackDigits && digits.All(char.IsAsciiDigit);
}
