using Microsoft.Extensions.Time.Testing;

namespace Ivr.Asterisk.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which timers the code under test has set and not yet seen fire or
/// dispose, so a test moves the clock only once the wait it means to end has begun (a timeout set on another thread a
/// moment after the action it guards was sent). Nothing waits on the real clock for time to pass: the bound on each
/// wait for a timer only stops a broken test.
/// </summary>
public sealed class DrivenClock : TimeProvider
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _fake = new();
    private readonly List<Watched> _pending = [];
    private TaskCompletionSource _timerSet = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new Watched(this);
        watched.Inner = _fake.CreateTimer(
            s =>
            {
                Forget(watched);
                watched.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        watched.Change(dueTime, period);
        return watched;
    }

    /// <summary>Once a timer of <paramref name="due"/> is set, moves the clock on by it (it fires).</summary>
    public Task ElapseAsync(TimeSpan due) => ElapseAsync(d => d == due);

    /// <summary>Once a timer whose due time <paramref name="which"/> picks is set, moves the clock on by that due time (it fires); returns it.</summary>
    public async Task<TimeSpan> ElapseAsync(Func<TimeSpan, bool> which)
    {
        while (true)
        {
            Task next;
            TimeSpan? due = null;
            lock (_pending)
            {
                if (_pending.FirstOrDefault(t => which(t.Due)) is { } found)
                {
                    due = found.Due;
                }

                next = _timerSet.Task;
            }

            if (due is { } elapse)
            {
                // Outside the lock: the timers that fire run their callbacks on this thread, and may set new ones.
                _fake.Advance(elapse);
                return elapse;
            }

            await next.WaitAsync(Bound);
        }
    }

    /// <summary>Before the inner timer is changed: the old due time is no longer pending, and the new one is not yet.</summary>
    private void Unarm(Watched timer)
    {
        lock (_pending)
        {
            _pending.Remove(timer);
        }
    }

    /// <summary>
    /// After the inner timer is changed: only now may the clock be moved on for it. Moved on earlier, the inner timer
    /// would be set after the advance and fire a whole due time late, that is never. A timer that already fired inside
    /// Change (due now) was forgotten by its callback and is not pending.
    /// </summary>
    private void Arm(Watched timer, bool fired)
    {
        TaskCompletionSource set;
        lock (_pending)
        {
            if (fired || timer.Due == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _pending.Add(timer);
            set = _timerSet;
            _timerSet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        set.TrySetResult();
    }

    private void Forget(Watched timer)
    {
        lock (_pending)
        {
            _pending.Remove(timer);
        }
    }

    /// <summary>A timer as the code under test holds it: setting it again, firing and disposing are all seen.</summary>
    private sealed class Watched(DrivenClock clock) : ITimer
    {
        private int _firings;

        public ITimer Inner { get; set; } = null!;

        public TimeSpan Due { get; private set; } = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Unarm(this);
            Due = dueTime;
            var firings = _firings;
            var changed = Inner.Change(dueTime, period);
            // A timer due now fires inside Change.
            clock.Arm(this, fired: dueTime == TimeSpan.Zero && Volatile.Read(ref _firings) != firings);
            return changed;
        }

        public void Fired() => Interlocked.Increment(ref _firings);

        public void Dispose()
        {
            clock.Forget(this);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock.Forget(this);
            return Inner.DisposeAsync();
        }
    }
}
