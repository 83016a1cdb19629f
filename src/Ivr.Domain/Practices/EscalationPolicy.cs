namespace Ivr.Domain.Practices;

/// <summary>
/// How an unacknowledged urgent message escalates: each contact of the on-call chain is paged
/// <see cref="AttemptsPerContact"/> times, <see cref="RepeatEvery"/> apart, then the next one; the
/// supervisor, last, is paged every <see cref="RepeatEvery"/> until someone acknowledges.
/// </summary>
public sealed record EscalationPolicy(TimeSpan RepeatEvery, int AttemptsPerContact)
{
    /// <summary>Every 5 minutes, 3 times a contact.</summary>
    public static EscalationPolicy Default { get; } = new(TimeSpan.FromMinutes(5), 3);
}
