namespace Ivr.Domain.Triage;

/// <summary>The nurse's override of the computed disposition, as kept on the pathway.</summary>
public sealed record TriageOverride(Disposition From, Disposition To, string Reason, string By, DateTimeOffset At)
{
    public OverrideDirection Direction => To.IsMoreUrgent(From) ? OverrideDirection.Up : OverrideDirection.Down;

    /// <summary>A downgrade goes on the on-call physician's review list (a message they must acknowledge); the caller of the engine acts on it.</summary>
    public bool NeedsPhysicianReview => Direction == OverrideDirection.Down;
}
