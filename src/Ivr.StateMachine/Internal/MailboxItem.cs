namespace Ivr.StateMachine.Internal;

/// <summary>A queued trigger and, when someone awaits it, where its result goes.</summary>
internal sealed class MailboxItem<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Dropped = 2;

    private readonly TaskCompletionSource<FireResult<TState, TTrigger>>? _completion;
    private int _status;

    public MailboxItem(TTrigger trigger, object?[] arguments, bool awaited, CancellationToken cancellationToken = default)
    {
        Trigger = trigger;
        Arguments = arguments;
        CancellationToken = cancellationToken;
        // Continuations must not run on the mailbox loop: they could fire again and reorder or block it.
        _completion = awaited ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;
    }

    public TTrigger Trigger { get; }

    public object?[] Arguments { get; }

    public CancellationToken CancellationToken { get; }

    public bool IsRecovery { get; init; }

    public TimerTicket<TState, TTrigger>? Timer { get; init; }

    public CancellationTokenRegistration Registration { get; set; }

    public Task<FireResult<TState, TTrigger>> Task => _completion!.Task;

    /// <summary>Claims the item for processing; false if it was already dropped (cancelled or aborted).</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _status, Started, Queued) == Queued;

    /// <summary>Drops an item that has not started, completing it with <paramref name="result"/>.</summary>
    public bool TryDrop(FireResult<TState, TTrigger> result)
    {
        if (Interlocked.CompareExchange(ref _status, Dropped, Queued) != Queued)
        {
            return false;
        }

        Complete(result);
        return true;
    }

    public void Complete(FireResult<TState, TTrigger> result)
    {
        Registration.Dispose();
        _completion?.TrySetResult(result);
    }

    public void Fail(Exception exception)
    {
        Registration.Dispose();
        _completion?.TrySetException(exception);
    }
}
