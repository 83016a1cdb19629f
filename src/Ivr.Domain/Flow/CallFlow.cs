using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.StateMachine;

namespace Ivr.Domain.Flow;

/// <summary>
/// The patient's call as a state machine: greeting and emergency instruction, the main menu, a live
/// connection to the on-call clinician through a conference, or a message committed to storage
/// before the caller hears it was received. No path drops a caller: an exhausted menu leads to a
/// message, an unanswered chain to an urgent message, a hangup saves what was recorded.
/// </summary>
public sealed partial class CallFlow
{
    private readonly ICallerChannel _channel;
    private readonly CallSession _session;
    private readonly CallDependencies _dependencies;
    private readonly CallTimeline _timeline;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StateMachineInstance<CallState, CallTrigger>? _machine;
    private int _recordings;

    public CallFlow(ICallerChannel channel, CallSession session, CallDependencies dependencies)
    {
        _channel = channel;
        _session = session;
        _dependencies = dependencies;
        _timeline = new CallTimeline(dependencies.CallRecords, session.CallId, dependencies.Time);
    }

    private CallFlowOptions Options => _dependencies.Options;

    /// <summary>The flow's structure, for diagrams (the same definition calls run, without a call behind it).</summary>
    public static StateMachineDefinition<CallState, CallTrigger> Describe() => Define(null);

    /// <summary>What names a call's conference room: <c>ivr-{patient uniqueid}</c>.</summary>
    public const string RoomPrefix = "ivr-";

    /// <summary>The conference room where the caller of <paramref name="uniqueId"/> meets a clinician.</summary>
    public static string RoomOf(string uniqueId) => RoomPrefix + uniqueId;

    /// <summary>Runs the call to its end and returns what happened.</summary>
    public async Task<CallSession> RunAsync(CancellationToken cancellationToken)
    {
        await using var machine = Define(this).CreateInstance(() => _session.State, state => _session.State = state, _dependencies.Time);
        _machine = machine;
        machine.ActionFailed += failure => _session.OutcomeDetail = $"unexpected error in {failure.Transition.Destination}: {failure.InnerException?.GetType().Name}";
        await DecideAsync("coverage", _session.Coverage.Reason).ConfigureAwait(false);
        machine.Post(_session.Coverage.OfficeFirst ? CallTrigger.OfficeFirst : CallTrigger.Continue);
        await _ended.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _session;
    }

    private static StateMachineDefinition<CallState, CallTrigger> Define(CallFlow? flow)
    {
        var b = new StateMachineBuilder<CallState, CallTrigger>(CallState.Incoming);
        b.OnActionFailure(CallTrigger.Failed);
        b.OnTransitioned((t, ct) => flow!.RecordStateAsync(t, ct));

        b.Configure(CallState.Incoming)
            .Permit(CallTrigger.Continue, CallState.Greeting)
            .Permit(CallTrigger.OfficeFirst, CallState.RingingOffice);

        b.Configure(CallState.RingingOffice)
            .OnEntry(ct => flow!.StepAsync(flow.RingOfficeAsync, ct))
            .Permit(CallTrigger.OfficeAnswered, CallState.Ended)
            .Permit(CallTrigger.Continue, CallState.Greeting);

        b.Configure(CallState.Greeting)
            .OnEntry(ct => flow!.StepAsync(flow.GreetAsync, ct))
            .Permit(CallTrigger.Continue, CallState.MainMenu);

        b.Configure(CallState.MainMenu)
            .OnEntry(ct => flow!.StepAsync(flow.MainMenuAsync, ct))
            .Permit(CallTrigger.Key1, CallState.RecordName)
            .Permit(CallTrigger.Key2, CallState.SomeoneNowMenu)
            .PermitReentryIf(CallTrigger.NoInput, () => flow!.MenuMayRepeat, "menu offered fewer than 3 times")
            .PermitReentryIf(CallTrigger.InvalidKey, () => flow!.MenuMayRepeat, "menu offered fewer than 3 times")
            .PermitIf(CallTrigger.NoInput, CallState.RecordName, () => !flow!.MenuMayRepeat, "menu exhausted: take a message")
            .PermitIf(CallTrigger.InvalidKey, CallState.RecordName, () => !flow!.MenuMayRepeat, "menu exhausted: take a message");

        b.Configure(CallState.SomeoneNowMenu)
            .OnEntry(ct => flow!.StepAsync(flow.SomeoneNowMenuAsync, ct))
            .Permit(CallTrigger.Key1, CallState.ConnectingPhysician)
            .Permit(CallTrigger.Key2, CallState.RecordName)
            .PermitReentryIf(CallTrigger.NoInput, () => flow!.MenuMayRepeat, "menu offered fewer than 3 times")
            .PermitReentryIf(CallTrigger.InvalidKey, () => flow!.MenuMayRepeat, "menu offered fewer than 3 times")
            .PermitIf(CallTrigger.NoInput, CallState.RecordName, () => !flow!.MenuMayRepeat, "menu exhausted: take a message")
            .PermitIf(CallTrigger.InvalidKey, CallState.RecordName, () => !flow!.MenuMayRepeat, "menu exhausted: take a message");

        b.Configure(CallState.ConnectingPhysician)
            .OnEntry(ct => flow!.StepAsync(flow.ConnectPhysicianAsync, ct))
            .Permit(CallTrigger.PhysicianLeft, CallState.Ended)
            .Permit(CallTrigger.ChainExhausted, CallState.NoPhysician);

        b.Configure(CallState.NoPhysician)
            .OnEntry(ct => flow!.StepAsync(flow.NoPhysicianAsync, ct))
            .Permit(CallTrigger.Continue, CallState.RecordName);

        b.Configure(CallState.LeaveMessage)
            .PermitIf(CallTrigger.HungUp, CallState.SavingMessage, () => flow!._session.HasMessageContent, "something was recorded")
            .PermitIf(CallTrigger.HungUp, CallState.CallerHungUp, () => !flow!._session.HasMessageContent, "nothing recorded yet");

        b.Configure(CallState.RecordName)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntry(ct => flow!.StepAsync(flow.RecordNameAsync, ct))
            .Permit(CallTrigger.Continue, CallState.CallbackOffer);

        b.Configure(CallState.CallbackOffer)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntry(ct => flow!.StepAsync(flow.CallbackOfferAsync, ct))
            .Permit(CallTrigger.Key1, CallState.UrgencyChoice)
            .Permit(CallTrigger.Key2, CallState.CallbackEntry)
            .PermitReentryIf(CallTrigger.NoInput, () => flow!.MenuMayRepeat, "offered fewer than 3 times")
            .PermitReentryIf(CallTrigger.InvalidKey, () => flow!.MenuMayRepeat, "offered fewer than 3 times")
            .PermitIf(CallTrigger.NoInput, CallState.CallbackEntry, () => !flow!.MenuMayRepeat, "no answer: ask for digits")
            .PermitIf(CallTrigger.InvalidKey, CallState.CallbackEntry, () => !flow!.MenuMayRepeat, "no answer: ask for digits");

        b.Configure(CallState.CallbackEntry)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntry(ct => flow!.StepAsync(flow.CallbackEntryAsync, ct))
            .Permit(CallTrigger.Continue, CallState.CallbackConfirm)
            .PermitReentryIf(CallTrigger.NoInput, () => flow!.MenuMayRepeat, "asked fewer than 3 times")
            .PermitIf(CallTrigger.NoInput, CallState.UrgencyChoice, () => !flow!.MenuMayRepeat, "no valid number: go on without one");

        b.Configure(CallState.CallbackConfirm)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntry(ct => flow!.StepAsync(flow.CallbackConfirmAsync, ct))
            .Permit(CallTrigger.Key1, CallState.UrgencyChoice)
            .Permit(CallTrigger.Key2, CallState.CallbackEntry)
            .PermitReentryIf(CallTrigger.NoInput, () => flow!.MenuMayRepeat, "asked fewer than 3 times")
            .PermitReentryIf(CallTrigger.InvalidKey, () => flow!.MenuMayRepeat, "asked fewer than 3 times")
            .PermitIf(CallTrigger.NoInput, CallState.UrgencyChoice, () => !flow!.MenuMayRepeat, "unconfirmed: keep the number entered")
            .PermitIf(CallTrigger.InvalidKey, CallState.UrgencyChoice, () => !flow!.MenuMayRepeat, "unconfirmed: keep the number entered");

        b.Configure(CallState.UrgencyChoice)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntry(ct => flow!.StepAsync(flow.UrgencyChoiceAsync, ct))
            .Permit(CallTrigger.Continue, CallState.RecordMessage)
            .PermitReentryIf(CallTrigger.NoInput, () => flow!.MenuMayRepeat, "asked fewer than 3 times")
            .PermitReentryIf(CallTrigger.InvalidKey, () => flow!.MenuMayRepeat, "asked fewer than 3 times");

        b.Configure(CallState.RecordMessage)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntry(ct => flow!.StepAsync(flow.RecordMessageAsync, ct))
            .Permit(CallTrigger.Continue, CallState.ReviewMessage);

        b.Configure(CallState.ReviewMessage)
            .SubstateOf(CallState.LeaveMessage)
            .OnEntry(ct => flow!.StepAsync(flow.ReviewMessageAsync, ct))
            .Permit(CallTrigger.Key1, CallState.SavingMessage)
            .Permit(CallTrigger.Key2, CallState.RecordMessage)
            .PermitReentryIf(CallTrigger.NoInput, () => flow!.MenuMayRepeat, "asked fewer than 3 times")
            .PermitReentryIf(CallTrigger.InvalidKey, () => flow!.MenuMayRepeat, "asked fewer than 3 times")
            .PermitIf(CallTrigger.NoInput, CallState.SavingMessage, () => !flow!.MenuMayRepeat, "no answer: keep the message")
            .PermitIf(CallTrigger.InvalidKey, CallState.SavingMessage, () => !flow!.MenuMayRepeat, "no answer: keep the message");

        b.Configure(CallState.SavingMessage)
            .OnEntry(ct => flow!.StepAsync(flow.SaveMessageAsync, ct))
            .Ignore(CallTrigger.HungUp)
            .PermitIf(CallTrigger.Saved, CallState.MessageSaved, () => !flow!._session.CallerGone, "caller still on the line")
            .PermitIf(CallTrigger.Saved, CallState.Ended, () => flow!._session.CallerGone, "caller already gone")
            .Permit(CallTrigger.SaveFailed, CallState.Failed);

        b.Configure(CallState.MessageSaved)
            .OnEntry(ct => flow!.StepAsync(flow.ConfirmMessageAsync, ct))
            .Permit(CallTrigger.Continue, CallState.Ended)
            .Permit(CallTrigger.HungUp, CallState.Ended);

        b.Configure(CallState.CallerHungUp)
            .OnEntry(ct => flow!.StepAsync(flow.CallerHungUpAsync, ct))
            .Permit(CallTrigger.Continue, CallState.Ended);

        b.Configure(CallState.Failed)
            .OnEntry(ct => flow!.FailAsync(ct))
            .Ignore(CallTrigger.HungUp)
            .Ignore(CallTrigger.Failed)
            .Permit(CallTrigger.Continue, CallState.Ended);

        b.Configure(CallState.Ended)
            .OnEntry(() => flow!._ended.TrySetResult())
            .Ignore(CallTrigger.HungUp)
            .Ignore(CallTrigger.Failed)
            .Ignore(CallTrigger.Continue);

        foreach (var state in new[] { CallState.RingingOffice, CallState.Greeting, CallState.MainMenu, CallState.SomeoneNowMenu, CallState.ConnectingPhysician, CallState.NoPhysician, CallState.MessageSaved, CallState.CallerHungUp })
        {
            if (state is not CallState.MessageSaved and not CallState.CallerHungUp)
            {
                b.Configure(state).Permit(CallTrigger.HungUp, CallState.CallerHungUp);
            }

            b.Configure(state).Permit(CallTrigger.Failed, CallState.Failed);
        }

        b.Configure(CallState.LeaveMessage).Permit(CallTrigger.Failed, CallState.Failed);
        b.Configure(CallState.SavingMessage).Permit(CallTrigger.Failed, CallState.Failed);
        return b.Build();
    }

    private bool MenuMayRepeat => _session.Attempts < Options.MenuAttempts;

    /// <summary>Runs a state's work and posts the trigger it chose; a hangup becomes the HungUp trigger.</summary>
    private async Task StepAsync(Func<CancellationToken, Task<CallTrigger>> work, CancellationToken cancellationToken)
    {
        CallTrigger next;
        try
        {
            next = await work(cancellationToken).ConfigureAwait(false);
        }
        catch (CallerHungUpException)
        {
            _session.CallerGone = true;
            next = CallTrigger.HungUp;
        }

        _machine!.Post(next);
    }

    private async Task RecordStateAsync(Transition<CallState, CallTrigger> transition, CancellationToken cancellationToken)
    {
        if (transition.Source != transition.Destination || transition.IsReentry)
        {
            if (transition.Source != transition.Destination)
            {
                _session.Attempts = 0;
                _dependencies.Progress.Entered(_session, transition.Destination);
            }

            await _timeline.StateAsync(transition.Destination, $"{transition.Trigger} from {transition.Source}", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private string NextRecordingName(string kind) => $"{_session.UniqueId}-{kind}-{Interlocked.Increment(ref _recordings)}";
}
