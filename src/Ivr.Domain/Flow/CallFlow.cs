using Ivr.Domain.Desk;
using Stateless;
using Stateless.Reflection;

namespace Ivr.Domain.Flow;

/// <summary>
/// The patient's call as a state machine: greeting and emergency instruction, the main menu, a live
/// connection to the on-call clinician through a conference, or a message committed to storage
/// before the caller hears it was received. No path drops a caller: an exhausted menu leads to a
/// message, an unanswered chain to an urgent message, a hangup saves what was recorded.
/// </summary>
/// <remarks>
/// Each state's entry work talks to the caller, decides the next trigger and fires it; the machine
/// runs in queued mode, so that trigger is processed once the entry work has returned, and the
/// outer <see cref="RunAsync"/> returns when the call has reached its end.
/// </remarks>
public sealed partial class CallFlow
{
    private readonly ICallerChannel _channel;
    private readonly CallSession _session;
    private readonly CallDependencies _dependencies;
    private readonly CallTimeline _timeline;
    private readonly StateMachine<CallState, CallTrigger> _machine;
    private CancellationToken _cancellationToken;
    private int _recordings;

    public CallFlow(ICallerChannel channel, CallSession session, CallDependencies dependencies)
    {
        _channel = channel;
        _session = session;
        _dependencies = dependencies;
        _timeline = new CallTimeline(dependencies.CallRecords, session.CallId, dependencies.Time);
        _machine = Define();
    }

    private CallFlowOptions Options => _dependencies.Options;

    /// <summary>The flow's structure, for diagrams: the same definition calls run, built with no call behind it.</summary>
    public static StateMachineInfo Describe(CallFlowOptions? options = null) =>
        new CallFlow(Unplugged.Of<ICallerChannel>(), Unplugged.Session(), Unplugged.Dependencies(options ?? new CallFlowOptions()))._machine.GetInfo();

    /// <summary>What names a call's conference room: <c>ivr-{patient uniqueid}</c>.</summary>
    public const string RoomPrefix = "ivr-";

    /// <summary>The conference room where the caller of <paramref name="uniqueId"/> meets a clinician.</summary>
    public static string RoomOf(string uniqueId) => RoomPrefix + uniqueId;

    /// <summary>Runs the call to its end and returns what happened.</summary>
    public async Task<CallSession> RunAsync(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        CallTrigger trigger;
        if (_session.HandedIn)
        {
            trigger = await TakeHandedInAsync().ConfigureAwait(false);
        }
        else
        {
            await DecideAsync("coverage", _session.Coverage.Reason).ConfigureAwait(false);
            trigger = _session.Coverage.OfficeFirst ? CallTrigger.OfficeFirst : CallTrigger.Continue;
        }

        while (true)
        {
            try
            {
                await _machine.FireAsync(trigger).ConfigureAwait(false);
                await LetGoOfDeskAsync().ConfigureAwait(false);
                return _session;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && _session.State is not (CallState.Failed or CallState.Ended))
            {
                // Work outside a state's entry (the timeline's store, a trigger the state does not take) failed.
                NoteFailure(exception);
                trigger = CallTrigger.Failed;
            }
        }
    }

    /// <summary>
    /// Runs a call that is at the main menu and has chosen <paramref name="choice"/>: the tests of one menu choice's
    /// script enter it the way the menu does, whatever keys the practice's menu gives it.
    /// </summary>
    internal async Task<CallSession> RunFromMainMenuAsync(CallTrigger choice, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _session.State = CallState.MainMenu;
        await _machine.FireAsync(choice).ConfigureAwait(false);
        await LetGoOfDeskAsync().ConfigureAwait(false);
        return _session;
    }

    /// <summary>A call that went through the desk lets it go, whichever way it ended (a hangup while waiting is an abandoned call).</summary>
    private async Task LetGoOfDeskAsync()
    {
        if (_session.DeskJoinedAt is not null)
        {
            await _dependencies.Desk.EndAsync(_session.UniqueId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private StateMachine<CallState, CallTrigger> Define()
    {
        var machine = new StateMachine<CallState, CallTrigger>(() => _session.State, state => _session.State = state, FiringMode.Queued);
        machine.OnTransitionedAsync(RecordStateAsync);
        var mayRepeat = $"offered fewer than {Options.MenuAttempts} times";

        machine.Configure(CallState.Incoming)
            .Permit(CallTrigger.Continue, CallState.Greeting)
            .Permit(CallTrigger.OfficeFirst, CallState.RingingOffice)
            .PermitIf(CallTrigger.HandedIn, CallState.HoldingForOperator, () => _session.LivePerson == LivePersonRoute.Operators, "someone on the caller's line here")
            .PermitIf(CallTrigger.HandedIn, CallState.SomeoneNowMenu, () => _session.LivePerson != LivePersonRoute.Operators, "nobody here any more: the doctor answers");

        // Before a message is begun there is nothing to save: a hangup just ends the call.
        machine.Configure(CallState.Answering)
            .Permit(CallTrigger.HungUp, CallState.CallerHungUp)
            .Permit(CallTrigger.Failed, CallState.Failed);

        machine.Configure(CallState.RingingOffice)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(RingOfficeAsync), "ring the office first")
            .Permit(CallTrigger.OfficeAnswered, CallState.Ended)
            .Permit(CallTrigger.Continue, CallState.Greeting);

        machine.Configure(CallState.Greeting)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(GreetAsync), "answer, greeting and emergency instruction")
            .Permit(CallTrigger.Continue, CallState.MainMenu);

        Repeat(machine.Configure(CallState.MainMenu), mayRepeat, CallState.RecordName, "menu exhausted: take a message", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(MainMenuAsync), "offer the main menu")
            .Permit(CallTrigger.Key1, CallState.RecordName)
            .PermitIf(CallTrigger.Key2, CallState.HoldingForOperator, () => _session.LivePerson == LivePersonRoute.Operators, "operators answer")
            .PermitIf(CallTrigger.Key2, CallState.SomeoneNowMenu, () => _session.LivePerson != LivePersonRoute.Operators, "the doctor answers")
            .Permit(CallTrigger.Key3, CallState.HoldingForOperator)
            .Permit(CallTrigger.Appointment, CallState.AppointmentStanding)
            .Permit(CallTrigger.OfficeInformation, CallState.OfficeInformation)
            .Permit(CallTrigger.OtherDesk, CallState.HandingToDesk);

        // Handed over, the caller is the other process's: this one's flow ends and the dialplan takes them there.
        machine.Configure(CallState.HandingToDesk)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(HandToDeskAsync), "hand the caller to the desk of the process with someone on their line")
            .Permit(CallTrigger.Continue, CallState.Ended);

        // After the information the menu is offered afresh (its attempts start again); the choice itself is offered at most OfficeInformation.MaxPerCall times.
        machine.Configure(CallState.OfficeInformation)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(OfficeInformationAsync), "say whether the office is open, when it opens, and its words")
            .Permit(CallTrigger.Continue, CallState.MainMenu);

        machine.Configure(CallState.HoldingForOperator)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(HoldForOperatorAsync), "wait in the room for an operator or a nurse, hearing position and wait")
            .Permit(CallTrigger.OperatorAnswered, CallState.WithOperator)
            .Permit(CallTrigger.MaxHold, CallState.MaxHoldMenu)
            .Permit(CallTrigger.ToOffice, CallState.TransferringToOffice)
            .Permit(CallTrigger.OperatorDone, CallState.Ended)
            .Permit(CallTrigger.OtherDesk, CallState.HandingToDesk)
            .PermitReentry(CallTrigger.Requeued);

        Repeat(machine.Configure(CallState.MaxHoldMenu), mayRepeat, CallState.RecordName, "no choice: an urgent message", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(MaxHoldMenuAsync), "offer: keep holding, an urgent message, or the doctor")
            .Permit(CallTrigger.Key1, CallState.HoldingForOperator)
            .Permit(CallTrigger.Key2, CallState.RecordName)
            .PermitIf(CallTrigger.Key3, CallState.ConnectingPhysician, () => _session.Practice.Desk.AfterMaxHoldDoctor, "the practice offers the doctor")
            .Permit(CallTrigger.OperatorAnswered, CallState.WithOperator);

        machine.Configure(CallState.WithOperator)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(WithOperatorAsync), "with the operator or nurse (and a patched clinician) until the desk is done")
            .Permit(CallTrigger.OperatorDone, CallState.Ended)
            .Permit(CallTrigger.Requeued, CallState.HoldingForOperator)
            .Permit(CallTrigger.ToOffice, CallState.TransferringToOffice);

        machine.Configure(CallState.TransferringToOffice)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(TransferToOfficeAsync), "ring the office line the operator chose")
            .Permit(CallTrigger.OfficeAnswered, CallState.Ended)
            .Permit(CallTrigger.Continue, CallState.RecordName);

        Repeat(machine.Configure(CallState.SomeoneNowMenu), mayRepeat, CallState.RecordName, "menu exhausted: take a message", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(SomeoneNowMenuAsync), "offer the doctor now or a message")
            .Permit(CallTrigger.Key1, CallState.ConnectingPhysician)
            .Permit(CallTrigger.Key2, CallState.RecordName);

        machine.Configure(CallState.ConnectingPhysician)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(ConnectPhysicianAsync), "ring the on-call chain, caller in the room")
            .Permit(CallTrigger.PhysicianLeft, CallState.Ended)
            .Permit(CallTrigger.ChainExhausted, CallState.NoPhysician);

        machine.Configure(CallState.NoPhysician)
            .SubstateOf(CallState.Answering)
            .OnEntryAsync(() => StepAsync(NoPhysicianAsync), "tell the caller; the message becomes urgent")
            .Permit(CallTrigger.Continue, CallState.RecordName);

        // Once a message is begun, a hangup saves what the caller has said so far.
        machine.Configure(CallState.LeaveMessage)
            .PermitIf(CallTrigger.HungUp, CallState.SavingMessage, () => _session.HasMessageContent, "something was recorded")
            .PermitIf(CallTrigger.HungUp, CallState.CallerHungUp, () => !_session.HasMessageContent, "nothing recorded yet")
            .Permit(CallTrigger.Failed, CallState.Failed);

        machine.Configure(CallState.RecordName)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntryAsync(() => StepAsync(RecordNameAsync), "record the caller's name")
            .Permit(CallTrigger.Continue, CallState.CallbackOffer);

        ConfigureCallback(machine, CallState.LeaveMessage, CallState.CallbackOffer, CallState.CallbackEntry, CallState.CallbackConfirm, CallState.UrgencyChoice, mayRepeat);

        machine.Configure(CallState.UrgencyChoice)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntryAsync(() => StepAsync(UrgencyChoiceAsync), "ask urgent or routine")
            .Permit(CallTrigger.Continue, CallState.RecordMessage)
            .PermitReentryIf(CallTrigger.NoInput, () => MenuMayRepeat, mayRepeat)
            .PermitReentryIf(CallTrigger.InvalidKey, () => MenuMayRepeat, mayRepeat);

        machine.Configure(CallState.RecordMessage)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntryAsync(() => StepAsync(RecordMessageAsync), "record the message")
            .Permit(CallTrigger.Continue, CallState.ReviewMessage);

        Repeat(machine.Configure(CallState.ReviewMessage), mayRepeat, CallState.SavingMessage, "no answer: keep the message", CallTrigger.NoInput, CallTrigger.InvalidKey)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntryAsync(() => StepAsync(ReviewMessageAsync), "keep or record again")
            .Permit(CallTrigger.Key1, CallState.SavingMessage)
            .Permit(CallTrigger.Key2, CallState.RecordMessage);

        ConfigureAppointment(machine, mayRepeat);

        // Saving and saying goodbye: a hangup no longer changes the way.
        machine.Configure(CallState.Finishing)
            .Ignore(CallTrigger.HungUp)
            .Permit(CallTrigger.Failed, CallState.Failed);

        machine.Configure(CallState.SavingMessage)
            .SubstateOf(CallState.Finishing)
            .OnEntryAsync(() => StepAsync(SaveMessageAsync), "commit the message")
            .PermitIf(CallTrigger.Saved, CallState.MessageSaved, () => !_session.CallerGone, "caller still on the line")
            .PermitIf(CallTrigger.Saved, CallState.Ended, () => _session.CallerGone, "caller already gone")
            .Permit(CallTrigger.SaveFailed, CallState.Failed);

        machine.Configure(CallState.MessageSaved)
            .SubstateOf(CallState.Finishing)
            .OnEntryAsync(() => StepAsync(ConfirmMessageAsync), "tell the caller it was received")
            .Permit(CallTrigger.Continue, CallState.Ended)
            .Permit(CallTrigger.HungUp, CallState.Ended);

        machine.Configure(CallState.CallerHungUp)
            .SubstateOf(CallState.Finishing)
            .OnEntryAsync(() => StepAsync(CallerHungUpAsync), "note the hangup")
            .Permit(CallTrigger.Continue, CallState.Ended);

        machine.Configure(CallState.Failed)
            .OnEntryAsync(FailAsync, "save what there is, hand to the safety net")
            .Permit(CallTrigger.Continue, CallState.Ended);

        machine.Configure(CallState.Ended);
        return machine;
    }

    /// <summary>A menu is offered again while it may repeat, and then the call goes on to <paramref name="otherwise"/>.</summary>
    private StateMachine<CallState, CallTrigger>.StateConfiguration Repeat(
        StateMachine<CallState, CallTrigger>.StateConfiguration state, string mayRepeat, CallState otherwise, string why, params CallTrigger[] triggers)
    {
        foreach (var trigger in triggers)
        {
            state.PermitReentryIf(trigger, () => MenuMayRepeat, mayRepeat)
                .PermitIf(trigger, otherwise, () => !MenuMayRepeat, why);
        }

        return state;
    }

    private bool MenuMayRepeat => _session.Attempts < Options.MenuAttempts;

    /// <summary>
    /// Runs a state's work and fires the trigger it chose (processed once this returns): a hangup
    /// becomes <see cref="CallTrigger.HungUp"/>, anything unexpected <see cref="CallTrigger.Failed"/>.
    /// </summary>
    private async Task StepAsync(Func<CancellationToken, Task<CallTrigger>> work)
    {
        CallTrigger next;
        try
        {
            next = await work(_cancellationToken).ConfigureAwait(false);
        }
        catch (CallerHungUpException)
        {
            _session.CallerGone = true;
            next = CallTrigger.HungUp;
        }
        catch (Exception exception) when (!_cancellationToken.IsCancellationRequested)
        {
            NoteFailure(exception);
            next = CallTrigger.Failed;
        }

        await _machine.FireAsync(next).ConfigureAwait(false);
    }

    private void NoteFailure(Exception exception) =>
        _session.OutcomeDetail = $"unexpected error in {_session.State}: {exception.GetType().Name}";

    private async Task RecordStateAsync(StateMachine<CallState, CallTrigger>.Transition transition)
    {
        if (!transition.IsReentry)
        {
            _session.Attempts = 0;
            _dependencies.Progress.Entered(_session, transition.Destination);
        }

        await _timeline.StateAsync(transition.Destination, $"{transition.Trigger} from {transition.Source}", CancellationToken.None).ConfigureAwait(false);
    }

    private string NextRecordingName(string kind) => new RecordingName(_session.UniqueId, kind, Interlocked.Increment(ref _recordings)).ToString();
}
