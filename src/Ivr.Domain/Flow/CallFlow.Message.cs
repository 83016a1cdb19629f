using Ivr.Domain.Messages;

namespace Ivr.Domain.Flow;

/// <summary>Taking a message: name, callback number, urgency, the message, review, and the commit.</summary>
public sealed partial class CallFlow
{
    private async Task<CallTrigger> RecordNameAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.RecordName], cancellationToken).ConfigureAwait(false);
        var name = await _channel.RecordAsync(NextRecordingName(RecordingName.Name), Options.NameMaxDuration, Options.NameSilenceSeconds, cancellationToken).ConfigureAwait(false);
        _session.NameRecording = name;
        await DecideAsync("name-recorded", $"{name.Duration.TotalSeconds:0.0} s").ConfigureAwait(false);
        if (name.CallerHungUp)
        {
            throw new CallerHungUpException();
        }

        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> UrgencyChoiceAsync(CancellationToken cancellationToken)
    {
        if (_session.ForcedUrgencyReason is not null)
        {
            _session.Urgency = Urgency.Urgent;
            await DecideAsync("urgency", $"urgent: {_session.ForcedUrgencyReason}").ConfigureAwait(false);
            return CallTrigger.Continue;
        }

        _session.Attempts++;
        var key = await _channel.AskKeyAsync([PromptIds.UrgencyMenu], "12", Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
        if (key is '1' or '2')
        {
            _session.Urgency = key == '1' ? Urgency.Urgent : Urgency.Routine;
            await DecideAsync("urgency", $"caller chose {_session.Urgency}").ConfigureAwait(false);
            return CallTrigger.Continue;
        }

        if (MenuMayRepeat)
        {
            return CallTrigger.NoInput;
        }

        // Unknown urgency is treated as urgent: a false alarm costs a page, a missed one costs a patient.
        _session.Urgency = Urgency.Urgent;
        await DecideAsync("urgency", "no answer: treated as urgent").ConfigureAwait(false);
        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> RecordMessageAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.RecordMessage], cancellationToken).ConfigureAwait(false);
        var message = await _channel.RecordAsync(NextRecordingName(RecordingName.Message), Options.MessageMaxDuration, Options.SilenceSeconds, cancellationToken).ConfigureAwait(false);
        _session.MessageRecording = message;
        await DecideAsync("message-recorded", $"{message.Duration.TotalSeconds:0.0} s{(message.CallerHungUp ? ", caller hung up" : string.Empty)}").ConfigureAwait(false);
        if (message.CallerHungUp)
        {
            throw new CallerHungUpException();
        }

        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> ReviewMessageAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var key = await _channel.AskKeyAsync([PromptIds.ReviewMenu], "12", Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
        switch (key)
        {
            case '1':
                await DecideAsync("review", "caller kept the message").ConfigureAwait(false);
                return CallTrigger.Key1;
            case '2':
                await DecideAsync("review", "caller records again").ConfigureAwait(false);
                return CallTrigger.Key2;
            default:
                return CallTrigger.NoInput;
        }
    }

    /// <summary>Commits the message (or appointment request) before the caller is told it was received.</summary>
    private async Task<CallTrigger> SaveMessageAsync(CancellationToken cancellationToken)
    {
        var partial = _session.CallerGone;
        var message = MessageOfCall(partial);

        try
        {
            // Not the call's token: a hangup must not cancel the commit of what the caller said.
            _session.MessageId = await _dependencies.Messages.SaveAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await _timeline.ErrorAsync("message-save-failed", exception.GetType().Name, CancellationToken.None).ConfigureAwait(false);
            return CallTrigger.SaveFailed;
        }

        _session.Outcome = CallOutcome.MessageTaken;
        var kind = message.Appointment is null ? "message" : "appointment request";
        _session.OutcomeDetail = $"{message.Urgency.ToString().ToLowerInvariant()} {kind} {_session.MessageId}{(partial ? " (partial: caller hung up)" : string.Empty)}";
        await DecideAsync("message-saved", _session.OutcomeDetail).ConfigureAwait(false);
        return CallTrigger.Saved;
    }

    /// <summary>What the caller has left so far, as the message to save (or to book with).</summary>
    private PatientMessage MessageOfCall(bool partial) => new()
    {
        CallId = _session.CallId,
        PracticeId = _session.Practice.Id,
        Urgency = _session.Urgency ?? Urgency.Urgent,
        UrgencyReason = _session.Urgency is null ? "caller hung up before choosing: treated as urgent" : _session.ForcedUrgencyReason,
        CallbackNumber = _session.CallbackNumber ?? _session.PendingCallback,
        CallerId = _session.CallerId,
        NameRecording = _session.NameRecording?.Path,
        MessageRecording = _session.MessageRecording?.Path,
        MessageSeconds = _session.MessageRecording?.Duration.TotalSeconds ?? 0,
        Partial = partial,
        ReceivedAt = _dependencies.Time.GetUtcNow(),
        Appointment = AppointmentOfCall(),
    };

    private async Task<CallTrigger> ConfirmMessageAsync(CancellationToken cancellationToken)
    {
        if (_session.Appointment is not null)
        {
            await ConfirmAppointmentAsync(cancellationToken).ConfigureAwait(false);
            return CallTrigger.Continue;
        }

        var saved = _session.Urgency == Urgency.Routine ? PromptIds.MessageSavedRoutine : PromptIds.MessageSavedUrgent;
        await _channel.PlayAsync([saved, PromptIds.Goodbye], cancellationToken).ConfigureAwait(false);
        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> CallerHungUpAsync(CancellationToken cancellationToken)
    {
        if (_session.Outcome == CallOutcome.Unknown)
        {
            _session.Outcome = CallOutcome.CallerHungUp;
            _session.OutcomeDetail = "caller hung up before leaving a message or reaching a clinician";
        }

        await Task.CompletedTask.ConfigureAwait(false);
        return CallTrigger.Continue;
    }

    /// <summary>
    /// Something unexpected failed. Save what there is; tell the caller; and hand the call to the
    /// dialplan's safety net (Asterisk records a message itself and dials the emergency fallback).
    /// </summary>
    private async Task FailAsync()
    {
        var cancellationToken = _cancellationToken;
        _session.Outcome = CallOutcome.Failed;
        _session.HandToSafetyNet = !_session.CallerGone;
        await _timeline.ErrorAsync("failed", _session.OutcomeDetail.Length > 0 ? _session.OutcomeDetail : "the flow could not continue", CancellationToken.None).ConfigureAwait(false);
        if (_session.MessageId is null && _session.HasMessageContent)
        {
            try
            {
                await _dependencies.Messages.SaveAsync(
                    new PatientMessage
                    {
                        CallId = _session.CallId,
                        PracticeId = _session.Practice.Id,
                        Urgency = Urgency.Urgent,
                        UrgencyReason = "saved after an error in the call",
                        CallbackNumber = _session.CallbackNumber ?? _session.PendingCallback,
                        CallerId = _session.CallerId,
                        NameRecording = _session.NameRecording?.Path,
                        MessageRecording = _session.MessageRecording?.Path,
                        Partial = true,
                        ReceivedAt = _dependencies.Time.GetUtcNow(),
                        Appointment = AppointmentOfCall(),
                    },
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await _timeline.ErrorAsync("message-save-failed", exception.GetType().Name, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (!_session.CallerGone)
        {
            try
            {
                await _channel.PlayAsync([PromptIds.MessageNotSaved], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is CallerHungUpException or OperationCanceledException)
            {
                _session.HandToSafetyNet = false;
            }
            catch (Exception)
            {
                // Whatever broke may break this too; the safety net still runs.
            }
        }

        await _machine.FireAsync(CallTrigger.Continue).ConfigureAwait(false);
    }
}
