namespace Ivr.Domain.Accounts;

/// <summary>
/// A progressive delay instead of a lock: after <see cref="FreeFailures"/> wrong passwords in a row each
/// further try must wait 2, 4, 8 … seconds, never more than <see cref="MaxDelay"/>. Anyone can type
/// wrong passwords for a clinician's name, so a hard lock would let a stranger keep a doctor out of
/// the portal all night; a capped delay slows guessing just as well and always lets the owner in.
/// Tries made inside the delay are refused without a password check and do not count.
/// </summary>
/// <param name="FreeFailures">Wrong passwords in a row before the delay starts (5 by default).</param>
/// <param name="MaxDelay">The longest delay (1 minute by default).</param>
public sealed record LockoutPolicy(int FreeFailures, TimeSpan MaxDelay)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(1));

    /// <summary>How long the next try must wait after <paramref name="failures"/> wrong passwords in a row.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        if (failures < FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(failures - FreeFailures + 1, 30);
        var delay = TimeSpan.FromSeconds(1L << exponent);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
