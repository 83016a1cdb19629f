namespace Ivr.Domain.Accounts;

/// <summary>How many wrong passwords in a row lock an account, and for how long.</summary>
/// <param name="MaxFailures">Failures that lock the account (5 by default).</param>
/// <param name="Duration">How long it stays locked (15 minutes by default).</param>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(15));
}
