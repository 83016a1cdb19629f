namespace Ivr.StateMachine.Tests.Support;

/// <summary>A clock that only moves when told to; <see cref="Advance"/> runs due timer callbacks in due order, on the calling thread.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _created = [];
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _sequence;

    /// <summary>Every timer ever created, disposed ones included, in creation order.</summary>
    public IReadOnlyList<FakeTimer> CreatedTimers
    {
        get
        {
            lock (_gate)
            {
                return [.. _created];
            }
        }
    }

    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _created.Count(t => t.DueAt is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _created.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        var target = GetUtcNow() + by;
        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _created.Where(t => t.DueAt <= target).MinBy(t => (t.DueAt, t.Sequence));
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt!.Value;
                next.DueAt = next.Period == Timeout.InfiniteTimeSpan ? null : _now + next.Period;
            }

            next.InvokeCallback();
        }
    }

    internal void Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            timer.Period = period;
            timer.Sequence = ++_sequence;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
        }
    }
}
