using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

public sealed partial class StateMachineInstance<TState, TTrigger>
{
    // What was running when user code threw, for the StateMachineActionException. Touched only by the processing loop.
    private Transition<TState, TTrigger>? _attempt;

    private DefinitionEvents<TState, TTrigger> Events => _definition.Events;

    private async Task<FireResult<TState, TTrigger>> ExecuteAsync(MailboxItem<TState, TTrigger> item, TState source, CancellationToken cancellationToken)
    {
        var trigger = item.Trigger;
        var (behaviour, unmetGuards) = await SelectAsync(source, trigger, item.Arguments, forExecution: true, cancellationToken).ConfigureAwait(false);
        if (behaviour is null)
        {
            return await UnhandledAsync(source, item, unmetGuards, cancellationToken).ConfigureAwait(false);
        }

        switch (behaviour.Kind)
        {
            case TriggerBehaviourKind.Ignore:
                return new FireResult<TState, TTrigger>(FireResultKind.Ignored, trigger, source, source);
            case TriggerBehaviourKind.Internal:
                var transition = new Transition<TState, TTrigger>(source, source, trigger, item.Arguments) { IsInternal = true };
                _attempt = transition;
                await behaviour.Action!(transition, cancellationToken).ConfigureAwait(false);
                return new FireResult<TState, TTrigger>(FireResultKind.InternalTransition, trigger, source, source);
            default:
                var move = new Transition<TState, TTrigger>(source, behaviour.Destination, trigger, item.Arguments) { IsReentry = behaviour.Kind == TriggerBehaviourKind.Reentry };
                var final = await TransitionAsync(move, cancellationToken).ConfigureAwait(false);
                return new FireResult<TState, TTrigger>(FireResultKind.Transitioned, trigger, source, final);
        }
    }

    /// <summary>
    /// Finds the rule for <paramref name="trigger"/>: this state's rules in declaration order, then each superstate's.
    /// Each guard is evaluated at most once; the first that passes wins. When only probing (CanFire), guards that need
    /// arguments none were given for count as passing.
    /// </summary>
    private async ValueTask<(TriggerBehaviour<TState, TTrigger>? Behaviour, List<string>? UnmetGuards)> SelectAsync(
        TState source, TTrigger trigger, IReadOnlyList<object?> arguments, bool forExecution, CancellationToken cancellationToken)
    {
        List<string>? unmetGuards = null;
        foreach (var state in _definition.GetPathToRoot(source))
        {
            foreach (var behaviour in _definition.GetRepresentation(state).BehavioursFor(trigger))
            {
                if (behaviour.Guard is not { } guard || (!forExecution && guard.NeedsArguments && arguments.Count == 0))
                {
                    return (behaviour, unmetGuards);
                }

                if (forExecution)
                {
                    _attempt = new Transition<TState, TTrigger>(source, behaviour.Destination, trigger, arguments);
                }

                if (await guard.EvaluateAsync(arguments, cancellationToken).ConfigureAwait(false))
                {
                    return (behaviour, unmetGuards);
                }

                (unmetGuards ??= []).Add(guard.Description);
            }
        }

        return (null, unmetGuards);
    }

    private async Task<FireResult<TState, TTrigger>> UnhandledAsync(TState source, MailboxItem<TState, TTrigger> item, List<string>? unmetGuards, CancellationToken cancellationToken)
    {
        var kind = unmetGuards is null ? FireResultKind.NoTransition : FireResultKind.GuardRefused;
        var result = new FireResult<TState, TTrigger>(kind, item.Trigger, source, source) { UnmetGuards = unmetGuards ?? [] };
        if (Events.UnhandledTrigger is { } handler)
        {
            _attempt = new Transition<TState, TTrigger>(source, source, item.Trigger, item.Arguments);
            await handler(result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Exit actions (innermost first) → state mutator → OnTransitioned → entry actions (outermost first) → initial
    /// transitions (each: mutator, OnTransitioned, entry actions) → OnTransitionCompleted. A reentry follows the same order.
    /// </summary>
    /// <returns>The final state, after initial transitions.</returns>
    private async Task<TState> TransitionAsync(Transition<TState, TTrigger> transition, CancellationToken cancellationToken)
    {
        _attempt = transition;
        var (exits, entries) = _definition.PlanTransition(transition.Source, transition.Destination, transition.IsReentry);
        foreach (var state in exits)
        {
            await ExitAsync(state, transition, cancellationToken).ConfigureAwait(false);
        }

        await ChangeStateAsync(transition, cancellationToken).ConfigureAwait(false);
        foreach (var state in entries)
        {
            await EnterAsync(state, transition, cancellationToken).ConfigureAwait(false);
        }

        var current = transition.Destination;
        while (_definition.GetRepresentation(current) is { HasInitialTransition: true } representation)
        {
            var initial = new Transition<TState, TTrigger>(current, representation.InitialChild, transition.Trigger, transition.Parameters) { IsInitialTransition = true };
            _attempt = initial;
            await ChangeStateAsync(initial, cancellationToken).ConfigureAwait(false);
            foreach (var state in _definition.PlanInitialEntries(current, representation.InitialChild))
            {
                await EnterAsync(state, initial, cancellationToken).ConfigureAwait(false);
            }

            current = representation.InitialChild;
        }

        var completed = transition with { Destination = current };
        _attempt = completed;
        foreach (var observer in Events.TransitionCompleted)
        {
            await observer(completed, cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    private async Task ChangeStateAsync(Transition<TState, TTrigger> transition, CancellationToken cancellationToken)
    {
        _stateMutator(transition.Destination);
        _history?.Add(new TransitionRecord<TState, TTrigger>(_timeProvider.GetUtcNow(), transition));
        foreach (var observer in Events.Transitioned)
        {
            await observer(transition, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ExitAsync(TState state, Transition<TState, TTrigger> transition, CancellationToken cancellationToken)
    {
        // Timers go first: a timer expiring while exit actions run must not deliver into the state being left.
        DisarmTimers(state);
        foreach (var action in _definition.GetRepresentation(state).ExitActions)
        {
            await action.Run(transition, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnterAsync(TState state, Transition<TState, TTrigger> transition, CancellationToken cancellationToken)
    {
        var representation = _definition.GetRepresentation(state);
        // Armed before the entry actions, so a state's timeout counts from entry and covers long entry actions.
        ArmTimers(representation);
        foreach (var action in representation.EntryActions)
        {
            if (action.AppliesTo(transition))
            {
                await action.Run(transition, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
