namespace Ivr.StateMachine.Internal;

/// <summary>Machine-wide hooks and settings frozen at build time.</summary>
internal sealed class DefinitionEvents<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    public Func<Transition<TState, TTrigger>, CancellationToken, Task>[] Transitioned { get; init; } = [];

    public Func<Transition<TState, TTrigger>, CancellationToken, Task>[] TransitionCompleted { get; init; } = [];

    public Func<FireResult<TState, TTrigger>, CancellationToken, Task>? UnhandledTrigger { get; init; }

    public bool HasRecoveryTrigger { get; init; }

    public TTrigger RecoveryTrigger { get; init; } = default!;

    public int HistoryCapacity { get; init; }
}
