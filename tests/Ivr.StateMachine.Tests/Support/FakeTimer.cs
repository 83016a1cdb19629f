namespace Ivr.StateMachine.Tests.Support;

/// <summary>A timer of <see cref="FakeTimeProvider"/>.</summary>
public sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    /// <summary>When it fires next; null when stopped or disposed.</summary>
    public DateTimeOffset? DueAt { get; internal set; }

    public TimeSpan Period { get; internal set; } = Timeout.InfiniteTimeSpan;

    public bool IsDisposed { get; private set; }

    internal long Sequence { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (IsDisposed)
        {
            return false;
        }

        owner.Schedule(this, dueTime, period);
        return true;
    }

    /// <summary>Runs the callback now, even if disposed: what a real timer does when it fires just as it is disposed.</summary>
    public void InvokeCallback() => callback(state);

    public void Dispose()
    {
        owner.Schedule(this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        IsDisposed = true;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
