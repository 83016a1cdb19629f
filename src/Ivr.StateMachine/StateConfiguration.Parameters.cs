using System.Runtime.CompilerServices;
using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

public sealed partial class StateConfiguration<TState, TTrigger>
{
    /// <summary>Moves to <paramref name="destination"/> when the guard, given the trigger's argument, returns true.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, TState destination, Func<TArg0, bool> guard, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null)
    {
        CheckNotSelf(trigger.Trigger, destination);
        return Add(trigger.Trigger, TriggerBehaviourKind.Transition, destination,
            GuardCondition.WithArguments(a => guard(Argument<TArg0>(a, 0)), guardDescription));
    }

    /// <summary>Moves to <paramref name="destination"/> when the asynchronous guard, given the trigger's argument, returns true.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, TState destination, Func<TArg0, CancellationToken, Task<bool>> guard, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null)
    {
        CheckNotSelf(trigger.Trigger, destination);
        return Add(trigger.Trigger, TriggerBehaviourKind.Transition, destination,
            GuardCondition.WithArguments((a, ct) => guard(Argument<TArg0>(a, 0), ct), guardDescription));
    }

    /// <summary>Moves to <paramref name="destination"/> when the guard, given the trigger's arguments, returns true.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf<TArg0, TArg1>(TriggerWithParameters<TTrigger, TArg0, TArg1> trigger, TState destination, Func<TArg0, TArg1, bool> guard, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null)
    {
        CheckNotSelf(trigger.Trigger, destination);
        return Add(trigger.Trigger, TriggerBehaviourKind.Transition, destination,
            GuardCondition.WithArguments(a => guard(Argument<TArg0>(a, 0), Argument<TArg1>(a, 1)), guardDescription));
    }

    /// <summary>Moves to <paramref name="destination"/> when the guard, given the trigger's arguments, returns true.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf<TArg0, TArg1, TArg2>(TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2> trigger, TState destination, Func<TArg0, TArg1, TArg2, bool> guard, [CallerArgumentExpression(nameof(guard))] string? guardDescription = null)
    {
        CheckNotSelf(trigger.Trigger, destination);
        return Add(trigger.Trigger, TriggerBehaviourKind.Transition, destination,
            GuardCondition.WithArguments(a => guard(Argument<TArg0>(a, 0), Argument<TArg1>(a, 1), Argument<TArg2>(a, 2)), guardDescription));
    }

    /// <summary>Runs <paramref name="action"/> with the trigger's argument, without exiting or entering any state.</summary>
    public StateConfiguration<TState, TTrigger> InternalTransition<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, Func<TArg0, Transition<TState, TTrigger>, CancellationToken, Task> action) =>
        InternalTransition(trigger.Trigger, (t, ct) => action(Argument<TArg0>(t.Parameters, 0), t, ct));

    /// <summary>Runs the synchronous <paramref name="action"/> with the trigger's argument, without exiting or entering any state.</summary>
    public StateConfiguration<TState, TTrigger> InternalTransition<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, Action<TArg0, Transition<TState, TTrigger>> action) =>
        InternalTransition(trigger.Trigger, t => action(Argument<TArg0>(t.Parameters, 0), t));

    /// <summary>Runs <paramref name="action"/> with the trigger's arguments, without exiting or entering any state.</summary>
    public StateConfiguration<TState, TTrigger> InternalTransition<TArg0, TArg1>(TriggerWithParameters<TTrigger, TArg0, TArg1> trigger, Func<TArg0, TArg1, Transition<TState, TTrigger>, CancellationToken, Task> action) =>
        InternalTransition(trigger.Trigger, (t, ct) => action(Argument<TArg0>(t.Parameters, 0), Argument<TArg1>(t.Parameters, 1), t, ct));
}
