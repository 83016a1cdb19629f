using Ivr.Domain.Messages;

namespace Ivr.Domain.Triage;

/// <summary>What a finished triage makes happen: the message to save for the practice, and what it does.</summary>
/// <param name="Message">The typed message (marked as a triage's), urgent or routine by the final disposition.</param>
/// <param name="Actions">What the final disposition does for the practice (<see cref="TriageSettings.ActionsFor"/>).</param>
/// <param name="NeedsPhysicianReview">A downgrade: the triage goes on the on-call physician's review list, and the message says so.</param>
public sealed record TriageOutcome(PatientMessage Message, TriageActions Actions, bool NeedsPhysicianReview)
{
    public Urgency Urgency => Message.Urgency;
}
