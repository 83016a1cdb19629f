namespace Ivr.StateMachine;

public sealed partial class StateConfiguration<TState, TTrigger>
{
    /// <summary>Runs <paramref name="action"/> with the trigger's argument when this state is entered because of it.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, Func<TArg0, Transition<TState, TTrigger>, CancellationToken, Task> action) =>
        OnEntryFrom(trigger.Trigger, (t, ct) => action(Argument<TArg0>(t.Parameters, 0), t, ct));

    /// <summary>Runs the synchronous <paramref name="action"/> with the trigger's argument when this state is entered because of it.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, Action<TArg0> action) =>
        OnEntryFrom(trigger.Trigger, Sync(t => action(Argument<TArg0>(t.Parameters, 0))));

    /// <summary>Runs <paramref name="action"/> with the trigger's arguments when this state is entered because of it.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom<TArg0, TArg1>(TriggerWithParameters<TTrigger, TArg0, TArg1> trigger, Func<TArg0, TArg1, Transition<TState, TTrigger>, CancellationToken, Task> action) =>
        OnEntryFrom(trigger.Trigger, (t, ct) => action(Argument<TArg0>(t.Parameters, 0), Argument<TArg1>(t.Parameters, 1), t, ct));

    /// <summary>Runs the synchronous <paramref name="action"/> with the trigger's arguments when this state is entered because of it.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom<TArg0, TArg1>(TriggerWithParameters<TTrigger, TArg0, TArg1> trigger, Action<TArg0, TArg1> action) =>
        OnEntryFrom(trigger.Trigger, Sync(t => action(Argument<TArg0>(t.Parameters, 0), Argument<TArg1>(t.Parameters, 1))));

    /// <summary>Runs <paramref name="action"/> with the trigger's arguments when this state is entered because of it.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom<TArg0, TArg1, TArg2>(TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2> trigger, Func<TArg0, TArg1, TArg2, Transition<TState, TTrigger>, CancellationToken, Task> action) =>
        OnEntryFrom(trigger.Trigger, (t, ct) => action(Argument<TArg0>(t.Parameters, 0), Argument<TArg1>(t.Parameters, 1), Argument<TArg2>(t.Parameters, 2), t, ct));

    /// <summary>Runs the synchronous <paramref name="action"/> with the trigger's arguments when this state is entered because of it.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom<TArg0, TArg1, TArg2>(TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2> trigger, Action<TArg0, TArg1, TArg2> action) =>
        OnEntryFrom(trigger.Trigger, Sync(t => action(Argument<TArg0>(t.Parameters, 0), Argument<TArg1>(t.Parameters, 1), Argument<TArg2>(t.Parameters, 2))));
}
