using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

/// <summary>The shape of the call flow the engine is for, with the I/O simulated.</summary>
public sealed class CallFlowScenarioTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<string> _log = [];
    private readonly TaskCompletionSource _greetingStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _call = new();
    private StateMachineInstance<CallState, CallTrigger> _instance = null!;

    [Fact]
    public async Task HungUpPostedDuringALongPromptIsProcessedAfterThePromptEnds()
    {
        _instance = Build(greetingAnswers: null).CreateInstance(CallState.Ringing, _time);

        var answered = _instance.FireAsync(CallTrigger.Answered);
        await _greetingStarted.Task.Bounded();
        _instance.Post(CallTrigger.HungUp);
        _log.Add("hangup posted");
        await _call.CancelAsync();

        Assert.Equal(CallState.Greeting, (await answered.Bounded()).Destination);
        await _instance.FireAsync(CallTrigger.NoInput).Bounded();
        Assert.Equal(CallState.Ended, _instance.State);
        Assert.Equal(["greeting playing", "hangup posted", "greeting cut short", "entered Ended"], _log);
    }

    [Fact]
    public async Task HoldTimesOutBackToTheMenu()
    {
        _instance = Build(greetingAnswers: CallTrigger.Key2).CreateInstance(CallState.Ringing, _time);

        await _instance.FireAsync(CallTrigger.Answered).Bounded();
        await _instance.FireAsync(CallTrigger.Key2).Bounded();
        Assert.Equal(CallState.Hold, _instance.State);

        _time.Advance(TimeSpan.FromSeconds(30));
        await _instance.FireAsync(CallTrigger.NoInput).Bounded();
        Assert.Equal(CallState.MainMenu, _instance.State);
    }

    [Fact]
    public async Task LeaveMessageStartsWithRecordNameAndAnErrorEndsTheCall()
    {
        _instance = Build(greetingAnswers: CallTrigger.Key1).CreateInstance(CallState.Ringing, _time);

        await _instance.FireAsync(CallTrigger.Answered).Bounded();
        var message = await _instance.FireAsync(CallTrigger.Key1).Bounded();
        Assert.Equal(CallState.RecordName, message.Destination);
        Assert.True(_instance.IsInState(CallState.LeaveMessage));

        await Assert.ThrowsAsync<StateMachineActionException<CallState, CallTrigger>>(() => _instance.FireAsync(CallTrigger.Key1).Bounded());
        await _instance.FireAsync(CallTrigger.NoInput).Bounded();
        Assert.Equal(CallState.Ended, _instance.State);
    }

    private StateMachineDefinition<CallState, CallTrigger> Build(CallTrigger? greetingAnswers)
    {
        var builder = new StateMachineBuilder<CallState, CallTrigger>(CallState.Ringing);
        builder.OnActionFailure(CallTrigger.Failed);
        builder.Configure(CallState.Ringing).Permit(CallTrigger.Answered, CallState.Greeting);
        builder.Configure(CallState.InCall).Permit(CallTrigger.HungUp, CallState.Ended).Permit(CallTrigger.Failed, CallState.Ended);
        builder.Configure(CallState.Greeting).SubstateOf(CallState.InCall)
            .Permit(CallTrigger.Key1, CallState.MainMenu)
            .Permit(CallTrigger.Key2, CallState.MainMenu)
            .OnEntry(async _ =>
            {
                if (greetingAnswers is { } digit)
                {
                    _instance.Post(digit);
                    return;
                }

                _log.Add("greeting playing");
                _greetingStarted.SetResult();
                try
                {
                    // Stands for a ~10 s prompt-and-collect, cancelled by the call's own token on hangup.
                    await Task.Delay(Timeout.InfiniteTimeSpan, _call.Token);
                }
                catch (OperationCanceledException) when (_call.IsCancellationRequested)
                {
                    _log.Add("greeting cut short");
                }
            });
        builder.Configure(CallState.MainMenu).SubstateOf(CallState.InCall)
            .Permit(CallTrigger.Key1, CallState.LeaveMessage)
            .Permit(CallTrigger.Key2, CallState.Hold);
        builder.Configure(CallState.LeaveMessage).SubstateOf(CallState.InCall).InitialTransition(CallState.RecordName);
        builder.Configure(CallState.RecordName).SubstateOf(CallState.LeaveMessage).Permit(CallTrigger.Key1, CallState.ConfirmCallback);
        builder.Configure(CallState.ConfirmCallback).SubstateOf(CallState.LeaveMessage).OnEntry(() => throw new IOException("recording store unavailable"));
        builder.Configure(CallState.Hold).SubstateOf(CallState.InCall)
            .After(TimeSpan.FromSeconds(30), CallTrigger.Timeout)
            .Permit(CallTrigger.Timeout, CallState.MainMenu);
        builder.Configure(CallState.Ended).OnEntry(() => _log.Add("entered Ended"));
        return builder.Build();
    }
}
