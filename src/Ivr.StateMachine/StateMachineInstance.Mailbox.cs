using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

public sealed partial class StateMachineInstance<TState, TTrigger>
{
    private readonly Lock _gate = new();
    private readonly Queue<MailboxItem<TState, TTrigger>> _queue = new();
    private readonly CancellationTokenSource _lifetime = new();
    private bool _draining;
    private bool _disposed;
    private Task _drainTask = Task.CompletedTask;

    /// <summary>
    /// Cancels the lifetime token passed to running actions, stops all state timers, completes queued fires as
    /// <see cref="FireResultKind.Cancelled"/> and waits for the running action, if any, to end.
    /// Called from inside an action, it does not wait (the action is what would be waited for).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        MailboxItem<TState, TTrigger>[] pending;
        Task drain;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = [.. _queue];
            _queue.Clear();
            drain = _drainTask;
            DisarmAllTimersLocked();
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        foreach (var item in pending)
        {
            item.TryDrop(Unprocessed(FireResultKind.Cancelled, item.Trigger));
        }

        if (!ActionScope.IsInside(this))
        {
            await drain.ConfigureAwait(false);
            _lifetime.Dispose();
        }
    }

    private Task<FireResult<TState, TTrigger>> EnqueueAwaited(TTrigger trigger, object?[] arguments, CancellationToken cancellationToken)
    {
        if (ActionScope.IsInside(this))
        {
            throw new InvalidOperationException(
                $"FireAsync({trigger}) was called from inside an action of the same state machine instance; it would wait for the running action, which waits for it. " +
                $"Use Post({trigger}) instead: the trigger is queued and processed after the current one completes.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromResult(Unprocessed(FireResultKind.Cancelled, trigger));
        }

        var item = new MailboxItem<TState, TTrigger>(trigger, arguments, awaited: true, cancellationToken);
        if (cancellationToken.CanBeCanceled)
        {
            item.Registration = cancellationToken.Register(
                static state =>
                {
                    var (owner, queued) = ((StateMachineInstance<TState, TTrigger>, MailboxItem<TState, TTrigger>))state!;
                    queued.TryDrop(owner.Unprocessed(FireResultKind.Cancelled, queued.Trigger));
                },
                (this, item));
        }

        if (!TryEnqueue(item))
        {
            item.Registration.Dispose();
            throw new ObjectDisposedException(GetType().FullName);
        }

        return item.Task;
    }

    private bool TryEnqueue(MailboxItem<TState, TTrigger> item)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _queue.Enqueue(item);
            if (!_draining)
            {
                // No task sits waiting per idle instance: one is started when work arrives and ends when the queue is empty.
                _draining = true;
                _drainTask = Task.Run(DrainAsync);
            }

            return true;
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            MailboxItem<TState, TTrigger>? item;
            lock (_gate)
            {
                if (_disposed || !_queue.TryDequeue(out item))
                {
                    _draining = false;
                    return;
                }
            }

            try
            {
                await ProcessAsync(item).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Only a throwing state accessor gets here; the loop must survive it.
                item.Fail(exception);
            }
        }
    }

    private async Task ProcessAsync(MailboxItem<TState, TTrigger> item)
    {
        if (!item.TryStart() || (item.Timer is { } ticket && !IsCurrent(ticket)))
        {
            return;
        }

        var scope = ActionScope.Enter(this);
        using var linked = item.CancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(item.CancellationToken, _lifetime.Token) : null;
        var cancellationToken = linked?.Token ?? _lifetime.Token;
        var source = _stateAccessor();
        _attempt = null;
        try
        {
            item.Complete(await ExecuteAsync(item, source, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            item.Complete(new FireResult<TState, TTrigger>(FireResultKind.Cancelled, item.Trigger, source, _stateAccessor()));
        }
        catch (Exception exception)
        {
            var failure = new StateMachineActionException<TState, TTrigger>(_attempt ?? new(source, source, item.Trigger, item.Arguments), exception);
            Fail(item, failure);
        }
        finally
        {
            scope.Exit();
        }
    }

    private void Fail(MailboxItem<TState, TTrigger> item, StateMachineActionException<TState, TTrigger> failure)
    {
        MailboxItem<TState, TTrigger>[] aborted;
        var events = _definition.Events;
        lock (_gate)
        {
            aborted = [.. _queue];
            _queue.Clear();
            if (events.HasRecoveryTrigger && !item.IsRecovery && !_disposed)
            {
                // The loop is running (it is us), so this is processed next.
                _queue.Enqueue(new MailboxItem<TState, TTrigger>(events.RecoveryTrigger, [], awaited: false) { IsRecovery = true });
            }
        }

        foreach (var queued in aborted)
        {
            queued.TryDrop(Unprocessed(FireResultKind.Aborted, queued.Trigger));
        }

        try
        {
            ActionFailed?.Invoke(failure);
        }
        catch (Exception)
        {
            // A failing observer must not stop the mailbox; the failure itself still reaches the awaiting caller.
        }

        item.Fail(failure);
    }
}
