namespace Ivr.Domain.Flow;

/// <summary>Coverage: the office rings first in business hours; the service answers when it does not.</summary>
public sealed partial class CallFlow
{
    private async Task<CallTrigger> RingOfficeAsync(CancellationToken cancellationToken)
    {
        var office = _session.Coverage.Office!;
        var result = await _channel.RingOfficeAsync(office, cancellationToken).ConfigureAwait(false);
        if (result == OfficeRingResult.Answered)
        {
            await DecideAsync("office", "the office answered; the service did not").ConfigureAwait(false);
            _session.Outcome = CallOutcome.OfficeAnswered;
            _session.OutcomeDetail = "the office took the call";
            return CallTrigger.OfficeAnswered;
        }

        await DecideAsync("office", $"the office did not take the call ({result}) within {office.RingTimeout.TotalSeconds:0} s: the service answers").ConfigureAwait(false);
        return CallTrigger.Continue;
    }
}
