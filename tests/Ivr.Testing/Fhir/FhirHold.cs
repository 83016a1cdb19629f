namespace Ivr.Testing.Fhir;

/// <summary>
/// A slowness set with <see cref="FhirFaults.Slow(FhirRoute?, TimeSpan?)"/>: the requests it catches wait
/// until the test releases it, or until its delay passes on the double's clock, or until their client
/// gives up. Nothing in the double sleeps on the real clock.
/// </summary>
public sealed class FhirHold
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private int _held;

    internal FhirHold(TimeSpan? delay, TimeProvider time)
    {
        Delay = delay;
        _time = time;
    }

    /// <summary>How long each request waits on the double's clock; null: until <see cref="Release"/>.</summary>
    public TimeSpan? Delay { get; }

    /// <summary>How many requests are waiting now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Completes when the first request starts waiting (so a test knows its client is stuck before it acts).</summary>
    public Task FirstHeld => _firstHeld.Task;

    /// <summary>Lets every waiting request, and every later one, through.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _held);
        try
        {
            var released = _released.Task.WaitAsync(cancellationToken);
            // The timer exists before the test hears a request is held, so advancing the clock then reaches it.
            var waited = Delay is { } delay ? Task.WhenAny(released, Task.Delay(delay, _time, cancellationToken)) : released;
            _firstHeld.TrySetResult();
            await waited;
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }
}
