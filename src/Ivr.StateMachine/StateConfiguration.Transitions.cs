using System.Runtime.CompilerServices;
using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

public sealed partial class StateConfiguration<TState, TTrigger>
{
    /// <summary>Moves to <paramref name="destination"/> when <paramref name="trigger"/> is fired. Use <see cref="PermitReentry"/> to stay.</summary>
    public StateConfiguration<TState, TTrigger> Permit(TTrigger trigger, TState destination)
    {
        CheckNotSelf(trigger, destination);
        return Add(trigger, TriggerBehaviourKind.Transition, destination);
    }

    /// <summary>Like <see cref="Permit"/>, only when <paramref name="guard"/> returns true. The description names the guard in results and graphs.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf(TTrigger trigger, TState destination, Func<bool> guard, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null)
    {
        CheckNotSelf(trigger, destination);
        return Add(trigger, TriggerBehaviourKind.Transition, destination, GuardCondition.From(guard, guardDescription));
    }

    /// <summary>Like <see cref="Permit"/>, only when the asynchronous <paramref name="guard"/> returns true.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf(TTrigger trigger, TState destination, Func<CancellationToken, Task<bool>> guard, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null)
    {
        CheckNotSelf(trigger, destination);
        return Add(trigger, TriggerBehaviourKind.Transition, destination, GuardCondition.From(guard, guardDescription));
    }

    /// <summary>Exits and re-enters this state (exit actions, then entry actions and timers again).</summary>
    public StateConfiguration<TState, TTrigger> PermitReentry(TTrigger trigger) =>
        Add(trigger, TriggerBehaviourKind.Reentry, State);

    /// <summary>Like <see cref="PermitReentry"/>, only when <paramref name="guard"/> returns true.</summary>
    public StateConfiguration<TState, TTrigger> PermitReentryIf(TTrigger trigger, Func<bool> guard, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null) =>
        Add(trigger, TriggerBehaviourKind.Reentry, State, GuardCondition.From(guard, guardDescription));

    /// <summary>Accepts <paramref name="trigger"/> and does nothing; the result is <see cref="FireResultKind.Ignored"/>.</summary>
    public StateConfiguration<TState, TTrigger> Ignore(TTrigger trigger) =>
        Add(trigger, TriggerBehaviourKind.Ignore, State);

    /// <summary>Like <see cref="Ignore"/>, only when <paramref name="guard"/> returns true.</summary>
    public StateConfiguration<TState, TTrigger> IgnoreIf(TTrigger trigger, Func<bool> guard, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null) =>
        Add(trigger, TriggerBehaviourKind.Ignore, State, GuardCondition.From(guard, guardDescription));

    /// <summary>Runs <paramref name="action"/> without exiting or entering any state (timers keep running).</summary>
    public StateConfiguration<TState, TTrigger> InternalTransition(TTrigger trigger, Func<Transition<TState, TTrigger>, CancellationToken, Task> action) =>
        Add(trigger, TriggerBehaviourKind.Internal, State, action: action);

    /// <summary>Runs the synchronous <paramref name="action"/> without exiting or entering any state.</summary>
    public StateConfiguration<TState, TTrigger> InternalTransition(TTrigger trigger, Action<Transition<TState, TTrigger>> action) =>
        InternalTransition(trigger, Sync(action));

    /// <summary>Like <see cref="InternalTransition(TTrigger, Func{Transition{TState, TTrigger}, CancellationToken, Task})"/>, only when <paramref name="guard"/> returns true.</summary>
    public StateConfiguration<TState, TTrigger> InternalTransitionIf(TTrigger trigger, Func<bool> guard, Func<Transition<TState, TTrigger>, CancellationToken, Task> action, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null) =>
        Add(trigger, TriggerBehaviourKind.Internal, State, GuardCondition.From(guard, guardDescription), action);

    private void CheckNotSelf(TTrigger trigger, TState destination)
    {
        if (EqualityComparer<TState>.Default.Equals(destination, State))
        {
            _problems.Add($"state {State} permits {trigger} to itself; use PermitReentry or InternalTransition");
        }
    }

    private static Func<Transition<TState, TTrigger>, CancellationToken, Task> Sync(Action<Transition<TState, TTrigger>> action) =>
        (transition, _) =>
        {
            action(transition);
            return Task.CompletedTask;
        };
}
