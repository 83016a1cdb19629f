using Ivr.Domain.Appointments;

namespace Ivr.Domain.Messages;

/// <summary>
/// A message a caller left: recorded in the automated flow, or typed by an operator at the desk
/// (<see cref="Typed"/>); or the summary of a call an operator patched, for the clinician who took it
/// (<see cref="Summary"/>). Every field but the ids, urgency, status, flags, times and staff names is
/// protected health information and is encrypted at rest by the store.
/// </summary>
public sealed record PatientMessage
{
    public long Id { get; init; }

    public required long CallId { get; init; }

    public required string PracticeId { get; init; }

    public required Urgency Urgency { get; init; }

    /// <summary>Where the message stood when it was read; it changes only through <see cref="MessageLifecycle"/>.</summary>
    public MessageStatus Status { get; init; } = MessageStatus.Received;

    /// <summary>Callback number the caller confirmed (or the caller id they chose).</summary>
    public string? CallbackNumber { get; init; }

    /// <summary>Caller id of the call, kept beside the callback number.</summary>
    public string? CallerId { get; init; }

    /// <summary>Recording of the caller saying their name (a file path, encrypted once the call ends).</summary>
    public string? NameRecording { get; init; }

    /// <summary>Recording of the message itself.</summary>
    public string? MessageRecording { get; init; }

    /// <summary>Seconds of message audio.</summary>
    public double MessageSeconds { get; init; }

    /// <summary>True when the caller hung up before finishing: what was recorded is kept.</summary>
    public bool Partial { get; init; }

    /// <summary>Why the message is urgent when the caller did not choose it (e.g. no physician answered).</summary>
    public string? UrgencyReason { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>What an operator typed, for a message taken at the desk (which has no recordings); null for one the caller recorded.</summary>
    public TypedMessage? Typed { get; init; }

    /// <summary>For the summary of a patched call: what it says and whom it is for; null for a message a caller left.</summary>
    public PatchSummary? Summary { get; init; }

    /// <summary>The appointment request a nurse's triage left with this message (its window); null for none.</summary>
    public AppointmentRequest? Appointment { get; init; }
}
