using System.Globalization;
using System.Runtime.ExceptionServices;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Stateless;
using Stateless.Reflection;

namespace Ivr.Domain.Flow;

/// <summary>
/// The clinician's side of a voice page: "urgent message for PRACTICE, press 1 to hear it"; the
/// caller's name, callback number digit by digit and message (a typed message's words spoken, a triage's
/// disposition first); then 1 acknowledge, 2 call the patient
/// back now, 3 hear it again. Everything that happens is written to the message at once, so it does
/// not matter which service process the page lands on.
/// </summary>
public sealed class PageFlow
{
    private readonly IPageChannel _channel;
    private readonly PageSession _session;
    private readonly PageDependencies _dependencies;
    private readonly StateMachine<PageState, PageTrigger> _machine;
    private CancellationToken _cancellationToken;
    private ExceptionDispatchInfo? _failure;

    public PageFlow(IPageChannel channel, PageSession session, PageDependencies dependencies)
    {
        _channel = channel;
        _session = session;
        _dependencies = dependencies;
        _machine = Define();
    }

    private CallFlowOptions Options => _dependencies.Options;

    /// <summary>The page's structure, for diagrams: the same definition pages run, built with no call behind it.</summary>
    public static StateMachineInfo Describe(CallFlowOptions? options = null)
    {
        var described = new PageSession(
            new DispatchAttempt(0, 0, 0, DispatchChannels.Voice, "described", DateTimeOffset.UnixEpoch, null, string.Empty, string.Empty),
            new PatientMessage { CallId = 0, PracticeId = "described", Urgency = Urgency.Urgent, ReceivedAt = DateTimeOffset.UnixEpoch },
            null);
        var dependencies = new PageDependencies(Unplugged.Of<IDispatchStore>(), Unplugged.Of<IMessageStore>(), Unplugged.Of<IAuditLog>(), TimeProvider.System, options ?? new CallFlowOptions());
        return new PageFlow(Unplugged.Of<IPageChannel>(), described, dependencies)._machine.GetInfo();
    }

    /// <summary>Runs the page to its end; the attempt is always finished. An unexpected error is rethrown once it is.</summary>
    public async Task<PageSession> RunAsync(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        try
        {
            await _machine.FireAsync(PageTrigger.Continue).ConfigureAwait(false);
        }
        finally
        {
            // The first finish counts: this one only says what happened when nothing else did.
            await FinishAsync(
                _session.Heard ? "heard" : "no-response",
                _session.Heard ? "heard the message, did not acknowledge" : "answered, nothing pressed (voicemail or no response)").ConfigureAwait(false);
        }

        _failure?.Throw();
        return _session;
    }

    private StateMachine<PageState, PageTrigger> Define()
    {
        var machine = new StateMachine<PageState, PageTrigger>(() => _session.State, state => _session.State = state, FiringMode.Queued);
        machine.OnTransitioned(transition =>
        {
            if (!transition.IsReentry)
            {
                _session.Attempts = 0;
            }
        });

        machine.Configure(PageState.Incoming)
            .Permit(PageTrigger.Continue, PageState.Answering);

        machine.Configure(PageState.OnLine)
            .Permit(PageTrigger.HungUp, PageState.HungUp)
            .Permit(PageTrigger.Failed, PageState.Failed);

        machine.Configure(PageState.Answering)
            .SubstateOf(PageState.OnLine)
            .OnEntryAsync(() => StepAsync(AnswerAsync), "answer; was it acknowledged meanwhile?")
            .Permit(PageTrigger.Acknowledged, PageState.AlreadyAcknowledged)
            .Permit(PageTrigger.Continue, PageState.Offering);

        machine.Configure(PageState.AlreadyAcknowledged)
            .SubstateOf(PageState.OnLine)
            .OnEntryAsync(() => StepAsync(AlreadyAcknowledgedAsync), "say so; hang up")
            .Permit(PageTrigger.Continue, PageState.Ended);

        machine.Configure(PageState.Offering)
            .SubstateOf(PageState.OnLine)
            .OnEntryAsync(() => StepAsync(OfferAsync), "urgent message for the practice: press 1 to hear it")
            .Permit(PageTrigger.Key1, PageState.PlayingMessage)
            .PermitReentryIf(PageTrigger.NoInput, () => _session.Attempts < Options.PageOfferAttempts, $"offered fewer than {Options.PageOfferAttempts} times")
            .PermitIf(PageTrigger.NoInput, PageState.NotAcknowledged, () => _session.Attempts >= Options.PageOfferAttempts, "1 not pressed: voicemail or no response");

        machine.Configure(PageState.PlayingMessage)
            .SubstateOf(PageState.OnLine)
            .OnEntryAsync(() => StepAsync(PlayMessageAsync), "name, callback number, message; a typed one spoken: its reason line (a triage's disposition first), callback number, notes")
            .Permit(PageTrigger.Continue, PageState.Menu);

        machine.Configure(PageState.Menu)
            .SubstateOf(PageState.OnLine)
            .OnEntryAsync(() => StepAsync(MenuAsync), "1 acknowledge, 2 call back, 3 repeat")
            .Permit(PageTrigger.Key1, PageState.Acknowledging)
            .Permit(PageTrigger.Key2, PageState.CallingPatient)
            .PermitIf(PageTrigger.Key3, PageState.PlayingMessage, () => _session.Plays < Options.PagePlays, $"played fewer than {Options.PagePlays} times")
            .PermitIf(PageTrigger.Key3, PageState.NotAcknowledged, () => _session.Plays >= Options.PagePlays, "played enough")
            .PermitReentryIf(PageTrigger.NoInput, () => _session.Attempts < Options.PageMenuAttempts, $"offered fewer than {Options.PageMenuAttempts} times")
            .PermitIf(PageTrigger.NoInput, PageState.NotAcknowledged, () => _session.Attempts >= Options.PageMenuAttempts, "nothing pressed");

        machine.Configure(PageState.Acknowledging)
            .SubstateOf(PageState.OnLine)
            .OnEntryAsync(() => StepAsync(AcknowledgeAndHangUpAsync), "acknowledge; hang up")
            .Permit(PageTrigger.Continue, PageState.Ended);

        machine.Configure(PageState.CallingPatient)
            .SubstateOf(PageState.OnLine)
            .OnEntryAsync(() => StepAsync(CallPatientBackAsync), "acknowledge; call the patient into a room with the clinician")
            .Permit(PageTrigger.Continue, PageState.Ended);

        machine.Configure(PageState.NotAcknowledged)
            .SubstateOf(PageState.OnLine)
            .OnEntryAsync(() => StepAsync(HangUpAsync), "hang up; the escalation goes on")
            .Permit(PageTrigger.Continue, PageState.Ended);

        machine.Configure(PageState.HungUp)
            .OnEntryAsync(ClinicianHungUpAsync, "finish the attempt: heard or hung up")
            .Permit(PageTrigger.Continue, PageState.Ended);

        machine.Configure(PageState.Failed)
            .OnEntryAsync(() => _machine.FireAsync(PageTrigger.Continue), "end; the error is rethrown")
            .Permit(PageTrigger.Continue, PageState.Ended);

        machine.Configure(PageState.Ended);
        return machine;
    }

    private async Task<PageTrigger> AnswerAsync(CancellationToken cancellationToken)
    {
        await _channel.AnswerAsync(cancellationToken).ConfigureAwait(false);
        var now = await _dependencies.Messages.GetAsync(_session.Message.Id, cancellationToken).ConfigureAwait(false);
        return now?.Status >= MessageStatus.Acknowledged ? PageTrigger.Acknowledged : PageTrigger.Continue;
    }

    private async Task<PageTrigger> AlreadyAcknowledgedAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.PageAlreadyAcknowledged], cancellationToken).ConfigureAwait(false);
        await FinishAsync("already-acknowledged", "someone else acknowledged it before this page was answered").ConfigureAwait(false);
        return await HangUpAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<PageTrigger> OfferAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var key = await _channel.AskKeyAsync([PromptIds.PageIntro, _session.Practice?.NamePromptId ?? PromptIds.PracticeNameDefault, PromptIds.PagePress1], "1", Options.ClinicianKeyTimeout, cancellationToken).ConfigureAwait(false);
        return key == '1' ? PageTrigger.Key1 : PageTrigger.NoInput;
    }

    private async Task<PageTrigger> PlayMessageAsync(CancellationToken cancellationToken)
    {
        var message = _session.Message;
        if (message.Typed is { } typed)
        {
            await ReadTypedAsync(typed, cancellationToken).ConfigureAwait(false);
            return PageTrigger.Continue;
        }

        await HeardAsync("heard on a voice page").ConfigureAwait(false);
        await AuditPlayAsync("voice page").ConfigureAwait(false);
        await _channel.PlayRecordingAsync(PromptIds.PageCallerName, message.NameRecording, cancellationToken).ConfigureAwait(false);
        await PlayCallbackAsync(cancellationToken).ConfigureAwait(false);
        await _channel.PlayRecordingAsync(PromptIds.PageMessage, message.MessageRecording, cancellationToken).ConfigureAwait(false);
        return PageTrigger.Continue;
    }

    /// <summary>
    /// A typed message has no recordings: its words are spoken, made into audio before anything plays so the record
    /// says exactly what the clinician hears and in which order. Speech that cannot be made loses nothing else: the
    /// callback number is read and the menu follows, with a prompt to read the rest in the portal.
    /// </summary>
    private async Task ReadTypedAsync(TypedMessage typed, CancellationToken cancellationToken)
    {
        var reading = TypedMessageReading.Of(typed);
        using var opening = await _channel.RenderSpeechAsync(reading.Opening, cancellationToken).ConfigureAwait(false);
        using var notes = opening is null || reading.Notes is null ? null : await _channel.RenderSpeechAsync(reading.Notes, cancellationToken).ConfigureAwait(false);
        var order = ReadingOrder(reading, opening is not null, notes is not null);
        await HeardAsync("heard on a voice page: " + order).ConfigureAwait(false);
        await AuditPlayAsync("voice page: " + order).ConfigureAwait(false);
        if (opening is null)
        {
            await _channel.PlayAsync([PromptIds.PageTypedUnreadable], cancellationToken).ConfigureAwait(false);
            await PlayCallbackAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await _channel.SpeakAsync(opening, cancellationToken).ConfigureAwait(false);
        await PlayCallbackAsync(cancellationToken).ConfigureAwait(false);
        if (notes is not null)
        {
            await _channel.SpeakAsync(notes, cancellationToken).ConfigureAwait(false);
        }
        else if (reading.Notes is not null)
        {
            await _channel.PlayAsync([PromptIds.PageTypedUnreadable], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What a typed message's page plays, in order, without a word of patient data: "typed message read: disposition line first, then patient, callback number, notes".</summary>
    private string ReadingOrder(TypedMessageReading reading, bool openingSpoken, bool notesSpoken)
    {
        var callback = CallbackNumber is null ? "no callback number" : "callback number";
        if (!openingSpoken)
        {
            return $"typed message not read aloud (speech failed): {callback}, the rest in the portal";
        }

        var parts = new List<string> { reading.OpeningParts, callback };
        if (reading.Notes is not null)
        {
            parts.Add(notesSpoken ? "notes" : "notes not read aloud (speech failed), in the portal");
        }

        return "typed message read: " + string.Join(", ", parts);
    }

    private async Task HeardAsync(string how)
    {
        if (!_session.Heard)
        {
            await _dependencies.Dispatch.AdvanceAsync(_session.Message.Id, MessageStatus.Delivered, _session.Attempt.Recipient, how, _dependencies.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            _session.Heard = true;
        }

        _session.Plays++;
    }

    private Task AuditPlayAsync(string detail) =>
        _dependencies.Audit.RecordAsync(new AuditEntry(_dependencies.Time.GetUtcNow(), _session.Attempt.Recipient, "message.play", "message", _session.Message.Id.ToString(CultureInfo.InvariantCulture), detail), CancellationToken.None);

    private async Task PlayCallbackAsync(CancellationToken cancellationToken)
    {
        if (CallbackNumber is { } callback)
        {
            await _channel.PlayAsync([PromptIds.PageCallback], cancellationToken).ConfigureAwait(false);
            await _channel.SayDigitsAsync(callback, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _channel.PlayAsync([PromptIds.PageNoCallback], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PageTrigger> MenuAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        return await _channel.AskKeyAsync([PromptIds.PageMenu], "123", Options.ClinicianKeyTimeout, cancellationToken).ConfigureAwait(false) switch
        {
            '1' => PageTrigger.Key1,
            '2' => PageTrigger.Key2,
            '3' => PageTrigger.Key3,
            _ => PageTrigger.NoInput,
        };
    }

    private async Task<PageTrigger> AcknowledgeAndHangUpAsync(CancellationToken cancellationToken)
    {
        await AcknowledgeAsync("pressed 1 on the voice page", cancellationToken).ConfigureAwait(false);
        return await HangUpAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls the patient, showing the practice's number, and joins the clinician to them.</summary>
    private async Task<PageTrigger> CallPatientBackAsync(CancellationToken cancellationToken)
    {
        await AcknowledgeAsync("pressed 2 on the voice page: calling the patient back", cancellationToken).ConfigureAwait(false);
        if (CallbackNumber is not { } number)
        {
            await _channel.PlayAsync([PromptIds.PageNoCallback], cancellationToken).ConfigureAwait(false);
            return await HangUpAsync(cancellationToken).ConfigureAwait(false);
        }

        await _channel.PlayAsync([PromptIds.PageCallingPatient], cancellationToken).ConfigureAwait(false);
        var room = await _channel.CallPatientAsync(_session.Message, _session.Practice, _session.Attempt.Id, number, cancellationToken).ConfigureAwait(false);
        if (room is null)
        {
            await _channel.PlayAsync([PromptIds.PagePatientNoAnswer], cancellationToken).ConfigureAwait(false);
            return await HangUpAsync(cancellationToken).ConfigureAwait(false);
        }

        // The patient picking up is not the matter resolved: the message stays Acknowledged until the clinician,
        // having talked to the patient, marks it resolved (portal or ivr messages resolve). The answer is recorded.
        await _dependencies.Audit.RecordAsync(
            new AuditEntry(_dependencies.Time.GetUtcNow(), _session.Attempt.Recipient, "message.callback-answered", "message", _session.Message.Id.ToString(CultureInfo.InvariantCulture), "the patient answered the call back from the voice page"),
            CancellationToken.None).ConfigureAwait(false);
        await _channel.JoinConferenceAsync(room, cancellationToken).ConfigureAwait(false);
        return await HangUpAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AcknowledgeAsync(string how, CancellationToken cancellationToken)
    {
        _session.Acknowledged = await _dependencies.Dispatch.AdvanceAsync(_session.Message.Id, MessageStatus.Acknowledged, _session.Attempt.Recipient, how, _dependencies.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        await FinishAsync(_session.Acknowledged ? "acknowledged" : "already-acknowledged", how).ConfigureAwait(false);
        await _channel.PlayAsync([_session.Acknowledged ? PromptIds.PageAcknowledged : PromptIds.PageAlreadyAcknowledged], cancellationToken).ConfigureAwait(false);
    }

    private async Task<PageTrigger> HangUpAsync(CancellationToken cancellationToken)
    {
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return PageTrigger.Continue;
    }

    private async Task ClinicianHungUpAsync()
    {
        await FinishAsync(
            _session.Heard ? "heard" : "hung-up",
            _session.Heard ? "heard the message, hung up without acknowledging" : "hung up before hearing the message").ConfigureAwait(false);
        await _machine.FireAsync(PageTrigger.Continue).ConfigureAwait(false);
    }

    private string? CallbackNumber => _session.Message.CallbackNumber is { Length: > 0 } number && number.All(char.IsAsciiDigit) ? number : null;

    private Task FinishAsync(string outcome, string detail) =>
        _dependencies.Dispatch.FinishAttemptAsync(_session.Attempt.Id, _dependencies.Time.GetUtcNow(), outcome, detail, CancellationToken.None);

    /// <summary>Runs a state's work and fires the trigger it chose; a hangup becomes <see cref="PageTrigger.HungUp"/>, anything unexpected <see cref="PageTrigger.Failed"/>.</summary>
    private async Task StepAsync(Func<CancellationToken, Task<PageTrigger>> work)
    {
        PageTrigger next;
        try
        {
            next = await work(_cancellationToken).ConfigureAwait(false);
        }
        catch (CallerHungUpException)
        {
            next = PageTrigger.HungUp;
        }
        catch (Exception exception) when (!_cancellationToken.IsCancellationRequested)
        {
            _failure = ExceptionDispatchInfo.Capture(exception);
            next = PageTrigger.Failed;
        }

        await _machine.FireAsync(next).ConfigureAwait(false);
    }
}
