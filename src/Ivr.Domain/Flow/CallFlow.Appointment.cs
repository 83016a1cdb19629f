using Ivr.Domain.Appointments;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Scheduling;
using Stateless;

namespace Ivr.Domain.Flow;

/// <summary>
/// A caller's appointment request: new or existing patient, the patient's name, date of birth, callback number,
/// preferred days and time, the reason; at <see cref="EhrLevel.Book"/> a free time booked in the EHR. The request is
/// a routine message of its own kind, saved like any other (a hangup keeps what was said).
/// </summary>
public sealed partial class CallFlow
{
    /// <summary>Most free times offered at once (keys 1 to 3).</summary>
    public const int AppointmentSlotsOffered = 3;

    /// <summary>How many free times are asked of the EHR, to find three that fit the caller's preferences.</summary>
    private const int SlotsAsked = 50;

    /// <summary>Afternoon begins at noon on the practice's clock.</summary>
    private static readonly TimeSpan Noon = TimeSpan.FromHours(12);

    private const PreferredDays Weekdays = PreferredDays.Monday | PreferredDays.Tuesday | PreferredDays.Wednesday | PreferredDays.Thursday | PreferredDays.Friday;

    private void ConfigureAppointment(StateMachine<CallState, CallTrigger> machine, string mayRepeat)
    {
        // As with a message: once the caller has said or keyed something, a hangup saves it as a partial request.
        machine.Configure(CallState.Appointment)
            .PermitIf(CallTrigger.HungUp, CallState.SavingMessage, () => _session.HasMessageContent, "something was said or keyed")
            .PermitIf(CallTrigger.HungUp, CallState.CallerHungUp, () => !_session.HasMessageContent, "nothing said yet")
            .Permit(CallTrigger.Failed, CallState.Failed);

        Repeat(machine.Configure(CallState.AppointmentStanding), mayRepeat, CallState.AppointmentName, "no answer: standing unknown", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(AppointmentStandingAsync), "new patient (1) or existing (2)")
            .Permit(CallTrigger.Continue, CallState.AppointmentName);

        machine.Configure(CallState.AppointmentName)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(AppointmentNameAsync), "record the patient's name")
            .Permit(CallTrigger.Continue, CallState.AppointmentBirthDate);

        Repeat(machine.Configure(CallState.AppointmentBirthDate), mayRepeat, CallState.AppointmentCallbackOffer, "no valid date: go on without one", CallTrigger.NoInput)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(AppointmentBirthDateAsync), "key the date of birth, MMDDYYYY")
            .Permit(CallTrigger.Continue, CallState.AppointmentBirthDateConfirm);

        Repeat(machine.Configure(CallState.AppointmentBirthDateConfirm), mayRepeat, CallState.AppointmentCallbackOffer, "unconfirmed: keep the date entered", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(AppointmentBirthDateConfirmAsync), "read the date back")
            .Permit(CallTrigger.Key1, CallState.AppointmentCallbackOffer)
            .Permit(CallTrigger.Key2, CallState.AppointmentBirthDate);

        ConfigureCallback(machine, CallState.Appointment, CallState.AppointmentCallbackOffer, CallState.AppointmentCallbackEntry, CallState.AppointmentCallbackConfirm, CallState.AppointmentDays, mayRepeat);

        Repeat(machine.Configure(CallState.AppointmentDays), mayRepeat, CallState.AppointmentTime, "no answer: any day", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(AppointmentDaysAsync), "weekdays (1), one day (2) or any day (3)")
            .Permit(CallTrigger.Continue, CallState.AppointmentTime)
            .Permit(CallTrigger.Key2, CallState.AppointmentDay);

        Repeat(machine.Configure(CallState.AppointmentDay), mayRepeat, CallState.AppointmentTime, "no answer: any day", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(AppointmentDayAsync), "Monday (1) to Saturday (6)")
            .Permit(CallTrigger.Continue, CallState.AppointmentTime);

        Repeat(machine.Configure(CallState.AppointmentTime), mayRepeat, CallState.AppointmentReason, "no answer: any time", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(AppointmentTimeAsync), "morning (1), afternoon (2) or any time (3)")
            .Permit(CallTrigger.Continue, CallState.AppointmentReason);

        machine.Configure(CallState.AppointmentReason)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(AppointmentReasonAsync), "record the reason")
            .PermitIf(CallTrigger.Continue, CallState.AppointmentSlots, () => Books, "the practice's EHR books")
            .PermitIf(CallTrigger.Continue, CallState.SavingMessage, () => !Books, "the office arranges the time");

        Repeat(machine.Configure(CallState.AppointmentSlots), mayRepeat, CallState.SavingMessage, "no choice: the office will call", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(OfferAppointmentSlotsAsync), "up to three free times that fit: 1 to 3; 0 for the office")
            .Permit(CallTrigger.Key1, CallState.AppointmentSlotConfirm)
            .Permit(CallTrigger.Continue, CallState.SavingMessage);

        Repeat(machine.Configure(CallState.AppointmentSlotConfirm), mayRepeat, CallState.SavingMessage, "unconfirmed: the office will call", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(ConfirmAppointmentSlotAsync), "read the chosen time back: book (1) or another (2)")
            .Permit(CallTrigger.Key1, CallState.AppointmentBooking)
            .Permit(CallTrigger.Key2, CallState.AppointmentSlots);

        machine.Configure(CallState.AppointmentBooking)
            .SubstateOf(CallState.Appointment)
            .OnEntryAsync(() => StepAsync(BookAppointmentAsync), "book the time in the EHR")
            .Permit(CallTrigger.Continue, CallState.SavingMessage)
            .Permit(CallTrigger.SlotTaken, CallState.AppointmentSlots);
    }

    /// <summary>Whether a caller's appointment is booked in the practice's EHR on the call.</summary>
    private bool Books => _session.Practice.Ehr.Linked && _session.Practice.Ehr.Level == EhrLevel.Book;

    private ZoneClock PracticeClock => new(_session.Practice.TimeZone);

    /// <summary>The request as it stands (a date keyed but not yet confirmed is kept too); null for a call that made none.</summary>
    private AppointmentRequest? AppointmentOfCall() =>
        _session.Appointment is { } request ? request with { BirthDate = request.BirthDate ?? _session.PendingBirthDate } : null;

    private async Task<CallTrigger> AppointmentStandingAsync(CancellationToken cancellationToken)
    {
        if (_session.Appointment is null)
        {
            // A request is routine and says so: it is dispatched as the practice's routine messages are.
            _session.Appointment = new AppointmentRequest(null) { Source = AppointmentSource.Phone };
            _session.Urgency = Urgency.Routine;
            Path(_dependencies.Time.GetUtcNow(), "chose to request an appointment");
        }

        var trigger = await MenuAsync("appointment-standing", PromptIds.AppointmentStanding, "12", key => key == '1' ? CallTrigger.Key1 : CallTrigger.Key2, cancellationToken).ConfigureAwait(false);
        if (trigger is CallTrigger.Key1 or CallTrigger.Key2)
        {
            _session.Appointment = _session.Appointment with { Standing = trigger == CallTrigger.Key1 ? PatientStanding.New : PatientStanding.Existing };
            return CallTrigger.Continue;
        }

        return trigger;
    }

    private async Task<CallTrigger> AppointmentNameAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.AppointmentName], cancellationToken).ConfigureAwait(false);
        var name = await _channel.RecordAsync(NextRecordingName(RecordingName.Name), Options.NameMaxDuration, Options.NameSilenceSeconds, cancellationToken).ConfigureAwait(false);
        _session.NameRecording = name;
        await DecideAsync("appointment-name", $"{name.Duration.TotalSeconds:0.0} s").ConfigureAwait(false);
        if (name.CallerHungUp)
        {
            throw new CallerHungUpException();
        }

        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> AppointmentBirthDateAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var digits = await _channel.AskDigitsAsync(PromptIds.AppointmentBirthDate, 8, Options.DigitsTimeout, cancellationToken).ConfigureAwait(false);
        if (BirthDates.TryRead(digits, DateOnly.FromDateTime(PracticeClock.Local(_dependencies.Time.GetUtcNow()))) is not { } date)
        {
            // How many digits, never which: they are the patient's.
            await DecideAsync("appointment-birth-date", $"{digits.Length} digit(s): not a date of birth (attempt {_session.Attempts} of {Options.MenuAttempts})").ConfigureAwait(false);
            if (digits.Length > 0)
            {
                await _channel.PlayAsync([PromptIds.AppointmentBirthDateInvalid], cancellationToken).ConfigureAwait(false);
            }

            return CallTrigger.NoInput;
        }

        _session.PendingBirthDate = date;
        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> AppointmentBirthDateConfirmAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        await _channel.PlayAsync([PromptIds.AppointmentBirthDateYouEntered], cancellationToken).ConfigureAwait(false);
        await _channel.SayDateAsync(_session.PendingBirthDate!.Value, cancellationToken).ConfigureAwait(false);
        var key = await _channel.AskKeyAsync([PromptIds.CallbackConfirm], "12", Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
        switch (key)
        {
            case '1':
                KeepBirthDate();
                await DecideAsync("appointment-birth-date", "caller confirmed the date read back").ConfigureAwait(false);
                return CallTrigger.Key1;
            case '2':
                _session.PendingBirthDate = null;
                await DecideAsync("appointment-birth-date", "caller will enter it again").ConfigureAwait(false);
                return CallTrigger.Key2;
            default:
                if (!MenuMayRepeat)
                {
                    KeepBirthDate();
                    await DecideAsync("appointment-birth-date", "not confirmed: kept as entered").ConfigureAwait(false);
                }

                return CallTrigger.NoInput;
        }
    }

    private void KeepBirthDate()
    {
        _session.Appointment = _session.Appointment! with { BirthDate = _session.PendingBirthDate };
        _session.PendingBirthDate = null;
    }

    private async Task<CallTrigger> AppointmentDaysAsync(CancellationToken cancellationToken)
    {
        var trigger = await MenuAsync("appointment-days", PromptIds.AppointmentDays, "123", key => key switch { '1' => CallTrigger.Key1, '2' => CallTrigger.Key2, _ => CallTrigger.Key3 }, cancellationToken).ConfigureAwait(false);
        switch (trigger)
        {
            case CallTrigger.Key1:
                _session.Appointment = _session.Appointment! with { Days = Weekdays };
                return CallTrigger.Continue;
            case CallTrigger.Key3:
                _session.Appointment = _session.Appointment! with { Days = PreferredDays.Any };
                return CallTrigger.Continue;
            default:
                return trigger;
        }
    }

    private async Task<CallTrigger> AppointmentDayAsync(CancellationToken cancellationToken)
    {
        var chosen = '0';
        var trigger = await MenuAsync("appointment-day", PromptIds.AppointmentDay, "123456", key => { chosen = key; return CallTrigger.Continue; }, cancellationToken).ConfigureAwait(false);
        if (trigger == CallTrigger.Continue)
        {
            // Keys 1 to 6 are Monday to Saturday, the flags' order.
            _session.Appointment = _session.Appointment! with { Days = (PreferredDays)(1 << (chosen - '1')) };
        }

        return trigger;
    }

    private async Task<CallTrigger> AppointmentTimeAsync(CancellationToken cancellationToken)
    {
        var trigger = await MenuAsync("appointment-time", PromptIds.AppointmentTime, "123", key => key switch { '1' => CallTrigger.Key1, '2' => CallTrigger.Key2, _ => CallTrigger.Key3 }, cancellationToken).ConfigureAwait(false);
        if (trigger is not (CallTrigger.Key1 or CallTrigger.Key2 or CallTrigger.Key3))
        {
            return trigger;
        }

        _session.Appointment = _session.Appointment! with
        {
            Time = trigger switch { CallTrigger.Key1 => PreferredTime.Morning, CallTrigger.Key2 => PreferredTime.Afternoon, _ => PreferredTime.Any },
        };
        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> AppointmentReasonAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.AppointmentReason], cancellationToken).ConfigureAwait(false);
        var reason = await _channel.RecordAsync(NextRecordingName(RecordingName.Message), Options.MessageMaxDuration, Options.SilenceSeconds, cancellationToken).ConfigureAwait(false);
        _session.MessageRecording = reason;
        await DecideAsync("appointment-reason", $"{reason.Duration.TotalSeconds:0.0} s{(reason.CallerHungUp ? ", caller hung up" : string.Empty)}").ConfigureAwait(false);
        if (reason.CallerHungUp)
        {
            throw new CallerHungUpException();
        }

        return CallTrigger.Continue;
    }

    /// <summary>Up to three free times that fit the caller's days and time of day, earliest first; none (or the EHR down): the office will call.</summary>
    private async Task<CallTrigger> OfferAppointmentSlotsAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        IReadOnlyList<EhrSlot> fitting;
        try
        {
            fitting = await FittingSlotsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is EhrUnavailableException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await DecideAsync("appointment-slots", $"the EHR did not answer ({exception.GetType().Name}): the office will call").ConfigureAwait(false);
            return await OfficeWillCallAsync(cancellationToken).ConfigureAwait(false);
        }

        _session.OfferedSlots = fitting;
        if (fitting.Count == 0)
        {
            await DecideAsync("appointment-slots", "no free time fits: the office will call").ConfigureAwait(false);
            return await OfficeWillCallAsync(cancellationToken).ConfigureAwait(false);
        }

        await DecideAsync("appointment-slots", $"{fitting.Count} free time(s) offered").ConfigureAwait(false);
        var keys = "0" + string.Concat(Enumerable.Range(1, fitting.Count));
        var key = await _channel.AskKeyAsync([PromptIds.AppointmentSlotsIntro], keys, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        for (var i = 0; key is null && i < fitting.Count; i++)
        {
            key = await _channel.AskKeyAsync([PromptIds.OutboundSlotPress(i + 1)], keys, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)
                ?? await _channel.SayTimeAsync(PracticeClock.Local(fitting[i].Start), keys, cancellationToken).ConfigureAwait(false);
        }

        key ??= await _channel.AskKeyAsync([PromptIds.AppointmentSlotsOffice], keys, Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
        if (key == '0')
        {
            await DecideAsync("appointment-slots", "none suits the caller: the office will call").ConfigureAwait(false);
            return await OfficeWillCallAsync(cancellationToken).ConfigureAwait(false);
        }

        if (key is >= '1' and <= '3' && key - '1' < fitting.Count)
        {
            _session.ChosenSlot = fitting[key.Value - '1'];
            await DecideAsync("appointment-slots", $"caller chose time {key.Value - '0'} of {fitting.Count}").ConfigureAwait(false);
            return CallTrigger.Key1;
        }

        if (!MenuMayRepeat)
        {
            await _channel.PlayAsync([PromptIds.AppointmentOfficeWillCall], cancellationToken).ConfigureAwait(false);
        }

        return CallTrigger.NoInput;
    }

    private async Task<IReadOnlyList<EhrSlot>> FittingSlotsAsync(CancellationToken cancellationToken)
    {
        var request = _session.Appointment!;
        var clock = PracticeClock;
        var now = _dependencies.Time.GetUtcNow();

        // The caller waits on the line: the EHR gets a short time, on the service's clock, and then the office calls instead.
        using var limit = new CancellationTokenSource(Options.EhrTimeout, _dependencies.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var free = await _dependencies.Ehr.FreeSlotsAsync(_session.Practice.Id, now, now.AddDays(Options.AppointmentDaysAhead), SlotsAsked, linked.Token).ConfigureAwait(false);
        return free
            .Where(s => s.Start > now && !_session.TakenSlots.Contains(s.SlotId) && Fits(request, clock.Local(s.Start)))
            .OrderBy(s => s.Start)
            .Take(AppointmentSlotsOffered)
            .ToList();
    }

    private static bool Fits(AppointmentRequest request, DateTime local)
    {
        var day = local.DayOfWeek switch
        {
            DayOfWeek.Monday => PreferredDays.Monday,
            DayOfWeek.Tuesday => PreferredDays.Tuesday,
            DayOfWeek.Wednesday => PreferredDays.Wednesday,
            DayOfWeek.Thursday => PreferredDays.Thursday,
            DayOfWeek.Friday => PreferredDays.Friday,
            DayOfWeek.Saturday => PreferredDays.Saturday,
            _ => PreferredDays.Any,
        };
        var dayFits = request.Days == PreferredDays.Any || (day != PreferredDays.Any && request.Days.HasFlag(day));
        var timeFits = request.Time switch
        {
            PreferredTime.Morning => local.TimeOfDay < Noon,
            PreferredTime.Afternoon => local.TimeOfDay >= Noon,
            _ => true,
        };
        return dayFits && timeFits;
    }

    private async Task<CallTrigger> ConfirmAppointmentSlotAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var key = await _channel.AskKeyAsync([PromptIds.OutboundSlotChosen], "12", TimeSpan.Zero, cancellationToken).ConfigureAwait(false)
            ?? await _channel.SayTimeAsync(PracticeClock.Local(_session.ChosenSlot!.Start), "12", cancellationToken).ConfigureAwait(false)
            ?? await _channel.AskKeyAsync([PromptIds.OutboundSlotConfirm], "12", Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
        switch (key)
        {
            case '1':
                await DecideAsync("appointment-slot", "caller confirmed the time read back").ConfigureAwait(false);
                return CallTrigger.Key1;
            case '2':
                _session.ChosenSlot = null;
                await DecideAsync("appointment-slot", "caller will choose another time").ConfigureAwait(false);
                return CallTrigger.Key2;
            default:
                if (!MenuMayRepeat)
                {
                    await _channel.PlayAsync([PromptIds.AppointmentOfficeWillCall], cancellationToken).ConfigureAwait(false);
                }

                return CallTrigger.NoInput;
        }
    }

    private async Task<CallTrigger> BookAppointmentAsync(CancellationToken cancellationToken)
    {
        var slot = _session.ChosenSlot!;
        EhrResult result;
        try
        {
            using var limit = new CancellationTokenSource(Options.EhrTimeout, _dependencies.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            result = await _dependencies.Ehr.BookAsync(_session.Practice.Id, slot, MessageOfCall(partial: false), linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is EhrUnavailableException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await DecideAsync("appointment-booking", $"the EHR did not answer ({exception.GetType().Name}): saved unbooked").ConfigureAwait(false);
            return await OfficeWillCallAsync(cancellationToken).ConfigureAwait(false);
        }

        switch (result.Outcome)
        {
            case EhrOutcome.Done when result.Reference is { } reference:
                _session.Appointment = _session.Appointment! with { Booked = new BookedAppointment(reference, slot.Start, slot.Who) };
                await DecideAsync("appointment-booking", $"booked {reference}").ConfigureAwait(false);
                return CallTrigger.Continue;
            case EhrOutcome.SlotTaken:
                // Another caller was quicker: say so, and offer the times still free.
                _session.TakenSlots.Add(slot.SlotId);
                _session.ChosenSlot = null;
                await DecideAsync("appointment-booking", "the time was taken meanwhile: offer the next").ConfigureAwait(false);
                await _channel.PlayAsync([PromptIds.AppointmentSlotTaken], cancellationToken).ConfigureAwait(false);
                return CallTrigger.SlotTaken;
            default:
                await DecideAsync("appointment-booking", $"{result.Outcome}: {result.Detail}; saved unbooked").ConfigureAwait(false);
                return await OfficeWillCallAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CallTrigger> OfficeWillCallAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.AppointmentOfficeWillCall], cancellationToken).ConfigureAwait(false);
        return CallTrigger.Continue;
    }

    /// <summary>After the request is saved: the booked time read once more, or that the office will call.</summary>
    private async Task ConfirmAppointmentAsync(CancellationToken cancellationToken)
    {
        if (_session.Appointment?.Booked is { } booked)
        {
            await _channel.PlayAsync([PromptIds.AppointmentBooked], cancellationToken).ConfigureAwait(false);
            await _channel.SayTimeAsync(PracticeClock.Local(booked.Start), string.Empty, cancellationToken).ConfigureAwait(false);
            await _channel.PlayAsync([PromptIds.Goodbye], cancellationToken).ConfigureAwait(false);
            return;
        }

        await _channel.PlayAsync([PromptIds.AppointmentReceived, PromptIds.Goodbye], cancellationToken).ConfigureAwait(false);
    }
}
