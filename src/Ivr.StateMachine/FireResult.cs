namespace Ivr.StateMachine;

/// <summary>The outcome of one fired trigger.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Trigger">The trigger that was fired.</param>
/// <param name="Source">The state when the trigger was taken from the queue (or when it was dropped).</param>
/// <param name="Destination">The state afterwards, after any initial transitions; equals <paramref name="Source"/> unless it moved.</param>
public sealed record FireResult<TState, TTrigger>(FireResultKind Kind, TTrigger Trigger, TState Source, TState Destination)
    where TState : notnull
    where TTrigger : notnull
{
    /// <summary>For <see cref="FireResultKind.GuardRefused"/>: the descriptions of the guards that said no, in evaluation order.</summary>
    public IReadOnlyList<string> UnmetGuards { get; init; } = [];

    /// <summary>True when a rule accepted the trigger: a transition, an internal transition or an ignore.</summary>
    public bool IsHandled => Kind is FireResultKind.Transitioned or FireResultKind.InternalTransition or FireResultKind.Ignored;
}
