using Ivr.Domain.Flow;

namespace Ivr.Domain.Outbound;

public sealed partial class OutboundFlow
{
    private async Task<OutboundTrigger> DetectAsync(CancellationToken cancellationToken)
    {
        var verdict = await _channel.DetectAsync(cancellationToken).ConfigureAwait(false);
        await _store.SetAmdAsync(_session.Attempt.Id, verdict.Status, verdict.Cause, CancellationToken.None).ConfigureAwait(false);
        if (verdict.HungUp)
        {
            throw new CallerHungUpException();
        }

        return verdict.Machine ? OutboundTrigger.Machine : OutboundTrigger.Continue;
    }

    private async Task<OutboundTrigger> WaitForSilenceAsync(CancellationToken cancellationToken)
    {
        await _channel.WaitForSilenceAsync(cancellationToken).ConfigureAwait(false);
        return OutboundTrigger.Continue;
    }

    private async Task<OutboundTrigger> LeaveVoicemailAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([_session.Prompts.Voicemail], cancellationToken).ConfigureAwait(false);
        await FinishAsync(AttemptResult.VoicemailLeft, "AMD said machine: the voicemail without medical details was left after the greeting").ConfigureAwait(false);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return OutboundTrigger.Continue;
    }

    private async Task<OutboundTrigger> SpeakAsync(CancellationToken cancellationToken)
    {
        _session.Plays++;
        await _channel.PlayAsync([_session.Prompts.Person], cancellationToken).ConfigureAwait(false);
        _session.Heard = true;
        return OutboundTrigger.Continue;
    }

    private async Task<OutboundTrigger> MenuAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var reschedule = _session.Campaign.Kind == CampaignKind.Reschedule;
        var key = await _channel.AskKeyAsync([reschedule ? PromptIds.OutboundMenuReschedule : PromptIds.OutboundMenu], reschedule ? "12308" : "1208", KeyTimeout, cancellationToken).ConfigureAwait(false);
        return key switch
        {
            '1' => OutboundTrigger.Key1,
            '2' => OutboundTrigger.Key2,
            '3' when reschedule => OutboundTrigger.Key3,
            '0' => OutboundTrigger.Key0,
            '8' => OutboundTrigger.Key8,
            _ => OutboundTrigger.NoInput,
        };
    }

    private async Task<OutboundTrigger> ConfirmAsync(CancellationToken cancellationToken)
    {
        await FinishAsync(AttemptResult.Confirmed, "pressed 1: confirmed they got the message").ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.OutboundConfirmed], cancellationToken).ConfigureAwait(false);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return OutboundTrigger.Continue;
    }

    /// <summary>The first three open slots that fit: later than now, not lost under the patient, the patient's own clinician's first.</summary>
    private async Task<OutboundTrigger> OfferSlotsAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var now = Now;
        var clinician = _session.Patient.Patient.Clinician;
        var open = (await _slots.OpenSlotsAsync(_session.Campaign, cancellationToken).ConfigureAwait(false))
            .Where(s => s.StartsAt > now && !_session.Lost.Contains(s.Id))
            .OrderBy(s => clinician is not null && string.Equals(s.Clinician, clinician, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(s => s.StartsAt)
            .Take(SlotsOffered)
            .ToList();
        _session.Offered = open;
        if (open.Count == 0)
        {
            return OutboundTrigger.NoSlots;
        }

        var keys = "0" + string.Concat(Enumerable.Range(1, open.Count));
        var key = await _channel.AskKeyAsync([PromptIds.OutboundSlotsIntro], keys, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        for (var i = 0; key is null && i < open.Count; i++)
        {
            key = await _channel.AskKeyAsync([PromptIds.OutboundSlotPress(i + 1)], keys, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)
                ?? await _channel.SayTimeAsync(open[i].StartsAt, keys, cancellationToken).ConfigureAwait(false);
        }

        key ??= await _channel.AskKeyAsync([PromptIds.OutboundSlotsOffice], keys, KeyTimeout, cancellationToken).ConfigureAwait(false);
        if (key == '0')
        {
            return OutboundTrigger.Key0;
        }

        if (key is >= '1' and <= '3' && key - '1' < open.Count)
        {
            _session.Chosen = open[key.Value - '1'];
            return OutboundTrigger.Key1;
        }

        return OutboundTrigger.NoInput;
    }

    private async Task<OutboundTrigger> ReadBackAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var key = await _channel.AskKeyAsync([PromptIds.OutboundSlotChosen], "12", TimeSpan.Zero, cancellationToken).ConfigureAwait(false)
            ?? await _channel.SayTimeAsync(_session.Chosen!.StartsAt, "12", cancellationToken).ConfigureAwait(false)
            ?? await _channel.AskKeyAsync([PromptIds.OutboundSlotConfirm], "12", KeyTimeout, cancellationToken).ConfigureAwait(false);
        return key switch
        {
            '1' => OutboundTrigger.Key1,
            '2' => OutboundTrigger.Key2,
            _ => OutboundTrigger.NoInput,
        };
    }

    private async Task<OutboundTrigger> BookAsync(CancellationToken cancellationToken)
    {
        var slot = _session.Chosen!;
        var booking = await SlotBooking.TakeAsync(_store, _slots, _session.Campaign, _session.Patient, slot, "phone: chose a new time on the campaign call", _time.GetUtcNow()).ConfigureAwait(false);
        if (booking.Outcome != SlotBookingOutcome.Booked)
        {
            _session.Lost.Add(slot.Id);
            _session.Chosen = null;
            if (booking.Outcome == SlotBookingOutcome.Taken)
            {
                // Another patient was quicker (here, or in the EHR): say so, and offer the rest.
                await _channel.PlayAsync([PromptIds.OutboundSlotTaken], cancellationToken).ConfigureAwait(false);
                return OutboundTrigger.Taken;
            }

            // Not bookable now: the office books the time they chose, so they are on the practice's list, not lost.
            await FinishAsync(AttemptResult.NeedsOfficeCall, "chose a new time the EHR could not book now; the office books it: " + booking.Detail).ConfigureAwait(false);
            await _channel.PlayAsync([PromptIds.OutboundOfficeCalls], cancellationToken).ConfigureAwait(false);
            await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
            return OutboundTrigger.Continue;
        }

        await FinishAsync(AttemptResult.Rescheduled, booking == SlotBooking.Kept ? "chose a new time and confirmed it" : "chose a new time and confirmed it; " + booking.Detail).ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.OutboundRescheduled], cancellationToken).ConfigureAwait(false);
        await _channel.SayTimeAsync(slot.StartsAt, string.Empty, cancellationToken).ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.OutboundGoodbye], cancellationToken).ConfigureAwait(false);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return OutboundTrigger.Continue;
    }

    private async Task<OutboundTrigger> NoSlotsAsync(CancellationToken cancellationToken)
    {
        await FinishAsync(AttemptResult.NeedsOfficeCall, "no open time fit: the office calls them").ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.OutboundNoSlots], cancellationToken).ConfigureAwait(false);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return OutboundTrigger.Continue;
    }

    /// <summary>
    /// 0: the patient asked for a person. With an office line they are put through (the talk is theirs; the office is
    /// still asked to follow up, since nothing was confirmed by key); without one, or when nobody answers, the office
    /// calls them. Either way they are on the practice's list, never silently dropped.
    /// </summary>
    private async Task<OutboundTrigger> ToOfficeAsync(CancellationToken cancellationToken)
    {
        if (_session.Practice?.Office is { } office)
        {
            await FinishAsync(AttemptResult.NeedsOfficeCall, "pressed 0: put through to the office line").ConfigureAwait(false);
            await _channel.PlayAsync([PromptIds.OutboundConnecting], cancellationToken).ConfigureAwait(false);
            if (await _channel.RingOfficeAsync(office, cancellationToken).ConfigureAwait(false) == OfficeRingResult.Answered)
            {
                return OutboundTrigger.Continue;
            }
        }
        else
        {
            await FinishAsync(AttemptResult.NeedsOfficeCall, "pressed 0: no office line to put them through to; the office calls them").ConfigureAwait(false);
        }

        await _channel.PlayAsync([PromptIds.OutboundOfficeCalls], cancellationToken).ConfigureAwait(false);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return OutboundTrigger.Continue;
    }

    private async Task<OutboundTrigger> OptOutAsync(CancellationToken cancellationToken)
    {
        await FinishAsync(AttemptResult.OptedOut, "pressed 8: no more calls from the practice").ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.OutboundOptedOut], cancellationToken).ConfigureAwait(false);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return OutboundTrigger.Continue;
    }

    private async Task<OutboundTrigger> NotConfirmedAsync(CancellationToken cancellationToken)
    {
        await FinishAsync(AttemptResult.HeardNotConfirmed, "heard the message, pressed nothing that confirms").ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.OutboundGoodbye], cancellationToken).ConfigureAwait(false);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return OutboundTrigger.Continue;
    }

    private async Task PatientHungUpAsync()
    {
        await FinishAsync(
            AttemptResult.HeardNotConfirmed,
            _session.Heard ? "heard the message, hung up without confirming" : "hung up before the message was heard").ConfigureAwait(false);
        await _machine.FireAsync(OutboundTrigger.Continue).ConfigureAwait(false);
    }
}
