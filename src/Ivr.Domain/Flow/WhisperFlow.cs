using System.Runtime.ExceptionServices;
using Stateless;
using Stateless.Reflection;

namespace Ivr.Domain.Flow;

/// <summary>
/// The clinician's side of a patient's call: the whisper (practice, caller's number, "press 1 to join
/// the caller, 2 to decline"), then the caller's conference room on 1. The answer goes to the dialer
/// through the leg; whatever happens, the leg gets an answer.
/// </summary>
public sealed class WhisperFlow
{
    private readonly IClinicianChannel _channel;
    private readonly WhisperSession _session;
    private readonly CallFlowOptions _options;
    private readonly StateMachine<WhisperState, WhisperTrigger> _machine;
    private CancellationToken _cancellationToken;
    private ExceptionDispatchInfo? _failure;

    public WhisperFlow(IClinicianChannel channel, WhisperSession session, CallFlowOptions options)
    {
        _channel = channel;
        _session = session;
        _options = options;
        _machine = Define();
    }

    /// <summary>The whisper's structure, for diagrams: the same definition legs run, built with no call behind it.</summary>
    public static StateMachineInfo Describe(CallFlowOptions? options = null) =>
        new WhisperFlow(Unplugged.Of<IClinicianChannel>(), new WhisperSession(Unplugged.Of<IWhisperLeg>()), options ?? new CallFlowOptions())._machine.GetInfo();

    /// <summary>Runs the whisper to its end. An unexpected error is rethrown once the leg has its answer.</summary>
    public async Task<WhisperSession> RunAsync(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        try
        {
            await _machine.FireAsync(WhisperTrigger.Continue).ConfigureAwait(false);
        }
        finally
        {
            // However the leg ended, the dialer must not wait for an answer that never comes.
            _session.Leg.Decide(WhisperDecisions.HungUp);
        }

        _failure?.Throw();
        return _session;
    }

    private StateMachine<WhisperState, WhisperTrigger> Define()
    {
        var machine = new StateMachine<WhisperState, WhisperTrigger>(() => _session.State, state => _session.State = state, FiringMode.Queued);
        machine.OnTransitioned(transition =>
        {
            if (!transition.IsReentry)
            {
                _session.Attempts = 0;
            }
        });

        machine.Configure(WhisperState.Incoming)
            .Permit(WhisperTrigger.Continue, WhisperState.Introducing);

        machine.Configure(WhisperState.OnLine)
            .Permit(WhisperTrigger.HungUp, WhisperState.HungUp)
            .Permit(WhisperTrigger.Failed, WhisperState.Failed);

        machine.Configure(WhisperState.Introducing)
            .SubstateOf(WhisperState.OnLine)
            .OnEntryAsync(() => StepAsync(IntroduceAsync), "answer; practice and caller's number")
            .Permit(WhisperTrigger.Continue, WhisperState.Menu);

        machine.Configure(WhisperState.Menu)
            .SubstateOf(WhisperState.OnLine)
            .OnEntryAsync(() => StepAsync(MenuAsync), "1 join, 2 decline")
            .Permit(WhisperTrigger.Key1, WhisperState.Joining)
            .Permit(WhisperTrigger.Key2, WhisperState.Declining)
            .PermitReentryIf(WhisperTrigger.NoInput, () => MenuMayRepeat, $"offered fewer than {_options.WhisperAttempts} times")
            .PermitIf(WhisperTrigger.NoInput, WhisperState.NoResponse, () => !MenuMayRepeat, "nothing pressed: voicemail or no response");

        machine.Configure(WhisperState.Joining)
            .SubstateOf(WhisperState.OnLine)
            .OnEntryAsync(() => StepAsync(JoinAsync), "accept; into the caller's room")
            .Permit(WhisperTrigger.Continue, WhisperState.Ended);

        machine.Configure(WhisperState.Declining)
            .SubstateOf(WhisperState.OnLine)
            .OnEntryAsync(() => StepAsync(ct => EndAsync(WhisperDecisions.Declined, ct)), "decline; hang up")
            .Permit(WhisperTrigger.Continue, WhisperState.Ended);

        machine.Configure(WhisperState.NoResponse)
            .SubstateOf(WhisperState.OnLine)
            .OnEntryAsync(() => StepAsync(ct => EndAsync(WhisperDecisions.NoResponse, ct)), "no answer; hang up")
            .Permit(WhisperTrigger.Continue, WhisperState.Ended);

        machine.Configure(WhisperState.HungUp)
            .OnEntryAsync(
                () =>
                {
                    _session.Leg.Decide(WhisperDecisions.HungUp);
                    return _machine.FireAsync(WhisperTrigger.Continue);
                },
                "the clinician hung up")
            .Permit(WhisperTrigger.Continue, WhisperState.Ended);

        machine.Configure(WhisperState.Failed)
            .OnEntryAsync(() => _machine.FireAsync(WhisperTrigger.Continue), "end; the error is rethrown")
            .Permit(WhisperTrigger.Continue, WhisperState.Ended);

        machine.Configure(WhisperState.Ended);
        return machine;
    }

    private bool MenuMayRepeat => _session.Attempts < _options.WhisperAttempts;

    private async Task<WhisperTrigger> IntroduceAsync(CancellationToken cancellationToken)
    {
        var request = _session.Leg.Request;
        await _channel.AnswerAsync(cancellationToken).ConfigureAwait(false);
        await _channel.PlayAsync(request.Intro ?? [PromptIds.WhisperIntro, request.Practice.NamePromptId], cancellationToken).ConfigureAwait(false);
        if (request.CallerNumber is { Length: > 0 } number && number.All(char.IsAsciiDigit))
        {
            await _channel.PlayAsync([PromptIds.WhisperCallerNumber], cancellationToken).ConfigureAwait(false);
            await _channel.SayDigitsAsync(number, cancellationToken).ConfigureAwait(false);
        }

        return WhisperTrigger.Continue;
    }

    private async Task<WhisperTrigger> MenuAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        return await _channel.AskKeyAsync([PromptIds.WhisperMenu], "12", _options.ClinicianKeyTimeout, cancellationToken).ConfigureAwait(false) switch
        {
            '1' => WhisperTrigger.Key1,
            '2' => WhisperTrigger.Key2,
            _ => WhisperTrigger.NoInput,
        };
    }

    private async Task<WhisperTrigger> JoinAsync(CancellationToken cancellationToken)
    {
        _session.Leg.Decide(WhisperDecisions.Accepted);
        await _channel.PlayAsync([PromptIds.Connecting], cancellationToken).ConfigureAwait(false);
        await _channel.JoinConferenceAsync(_session.Leg.Request.Room, cancellationToken).ConfigureAwait(false);
        return WhisperTrigger.Continue;
    }

    private async Task<WhisperTrigger> EndAsync(string decision, CancellationToken cancellationToken)
    {
        _session.Leg.Decide(decision);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return WhisperTrigger.Continue;
    }

    /// <summary>Runs a state's work and fires the trigger it chose; a hangup becomes <see cref="WhisperTrigger.HungUp"/>, anything unexpected <see cref="WhisperTrigger.Failed"/>.</summary>
    private async Task StepAsync(Func<CancellationToken, Task<WhisperTrigger>> work)
    {
        WhisperTrigger next;
        try
        {
            next = await work(_cancellationToken).ConfigureAwait(false);
        }
        catch (CallerHungUpException)
        {
            next = WhisperTrigger.HungUp;
        }
        catch (Exception exception) when (!_cancellationToken.IsCancellationRequested)
        {
            _failure = ExceptionDispatchInfo.Capture(exception);
            next = WhisperTrigger.Failed;
        }

        await _machine.FireAsync(next).ConfigureAwait(false);
    }
}
