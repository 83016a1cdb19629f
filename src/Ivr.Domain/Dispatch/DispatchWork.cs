using Ivr.Domain.Appointments;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Dispatch;

/// <summary>A message whose next dispatch step is due, as the database holds it.</summary>
public sealed record DispatchWork
{
    public required long MessageId { get; init; }

    public required string PracticeId { get; init; }

    public required Urgency Urgency { get; init; }

    public required DispatchState State { get; init; }

    public DispatchKind? Kind { get; init; }

    public required int NextStep { get; init; }

    public required DateTimeOffset NextStepAt { get; init; }

    /// <summary>When a routine message escalates unless acknowledged (its report's due time plus the grace); null for urgent ones.</summary>
    public DateTimeOffset? EscalateAt { get; init; }

    /// <summary>The chain fixed when the message was dispatched (escalations only).</summary>
    public IReadOnlyList<OnCallContact> Chain { get; init; } = [];

    public EscalationPolicy Policy { get; init; } = EscalationPolicy.Default;

    /// <summary>The clinician a patched call's summary is for (<see cref="PatientMessage.Summary"/>); null for every other message.</summary>
    public string? Recipient { get; init; }

    /// <summary>The appointment request the message carries (a triage's); null for none. The morning report counts them.</summary>
    public AppointmentRequest? Appointment { get; init; }
}
