using Ivr.Domain.Appointments;
using Ivr.Domain.Desk;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>What one call has gathered so far. Lives with the call; the durable copy is the call record.</summary>
public sealed class CallSession
{
    public CallSession(long callId, string uniqueId, PracticeProfile practice, string dialedNumber, string? callerId, CoverageDecision? coverage = null)
    {
        Coverage = coverage ?? new CoverageDecision(CoverageMode.AlwaysOn, null, "no coverage rules");
        CallId = callId;
        UniqueId = uniqueId;
        Practice = practice;
        DialedNumber = dialedNumber;
        CallerId = callerId;
    }

    /// <summary>How the call is covered: whether the office rings first, and why.</summary>
    public CoverageDecision Coverage { get; }

    public long CallId { get; }

    public string UniqueId { get; }

    public PracticeProfile Practice { get; }

    public string DialedNumber { get; }

    public string? CallerId { get; }

    public CallState State { get; set; } = CallState.Incoming;

    /// <summary>How many times the current menu has been offered.</summary>
    public int Attempts { get; set; }

    /// <summary>How many times the caller heard the office information (at most <see cref="Practices.OfficeInformation.MaxPerCall"/>).</summary>
    public int OfficeInformationHeard { get; set; }

    public RecordingResult? NameRecording { get; set; }

    public string? PendingCallback { get; set; }

    public string? CallbackNumber { get; set; }

    public Urgency? Urgency { get; set; }

    /// <summary>Set when the flow itself made the message urgent (e.g. nobody answered).</summary>
    public string? ForcedUrgencyReason { get; set; }

    public RecordingResult? MessageRecording { get; set; }

    public bool CallerGone { get; set; }

    public long? MessageId { get; set; }

    public CallOutcome Outcome { get; set; } = CallOutcome.Unknown;

    public string OutcomeDetail { get; set; } = string.Empty;

    /// <summary>The caller's Asterisk channel name (the desk takes them out of a timed wait by it); empty when unknown.</summary>
    public string ChannelName { get; init; } = string.Empty;

    /// <summary>Where the caller's "someone now" went: operators or the doctor; null until they asked.</summary>
    public LivePersonRoute? LivePerson { get; set; }

    /// <summary>
    /// The FastAGI address of the other service process whose desk the caller is handed to (their line has nobody at this
    /// one's); null while the caller stays here.
    /// </summary>
    public string? DeskAt { get; set; }

    /// <summary>True when another process handed the caller to this one's desk: the call starts at the choice of a live person, on <see cref="DeskLine"/>.</summary>
    public bool HandedIn { get; init; }

    /// <summary>Handed in from another process's queue after saying the call is urgent there: they join this one as urgent.</summary>
    public bool DeskUrgentBefore { get; init; }

    /// <summary>Handed in from another process's queue: when they first joined it, which keeps their place in this one; null otherwise.</summary>
    public DateTimeOffset? DeskQueuedBefore { get; init; }

    /// <summary>The desk's line the caller is on (or will join): the operators', or the nurses' for triage.</summary>
    public DeskLine DeskLine { get; set; } = DeskLine.Operators;

    /// <summary>When the caller joined the desk's queue; null if they never did.</summary>
    public DateTimeOffset? DeskJoinedAt { get; set; }

    /// <summary>Since when the caller has held without being offered the maximum-hold choices.</summary>
    public DateTimeOffset? DeskHoldSince { get; set; }

    /// <summary>True once the emergency instruction was repeated during the wait.</summary>
    public bool DeskReminded { get; set; }

    /// <summary>The office line an operator sent the caller to.</summary>
    public OfficeLine? DeskOffice { get; set; }

    /// <summary>What the caller did on the way to the desk, for the operator's screen.</summary>
    public List<DeskPathStep> DeskPath { get; } = [];

    /// <summary>The appointment request the caller is making; null unless they chose to request one.</summary>
    public AppointmentRequest? Appointment { get; set; }

    /// <summary>The date of birth keyed, waiting to be confirmed after the read-back.</summary>
    public DateOnly? PendingBirthDate { get; set; }

    /// <summary>The free times last offered to the caller, earliest first.</summary>
    public IReadOnlyList<EhrSlot> OfferedSlots { get; set; } = [];

    /// <summary>The free time the caller chose; null until they chose one.</summary>
    public EhrSlot? ChosenSlot { get; set; }

    /// <summary>Times another caller took while this one chose: not offered again.</summary>
    public HashSet<string> TakenSlots { get; } = [];

    /// <summary>True when the flow wants Asterisk's own safety net to take over (it could not save).</summary>
    public bool HandToSafetyNet { get; set; }

    /// <summary>True when the caller has said or entered anything worth saving (an empty recording is not).</summary>
    public bool HasMessageContent =>
        NameRecording?.Duration >= TimeSpan.FromSeconds(1) || MessageRecording?.Duration >= TimeSpan.FromSeconds(1) || CallbackNumber is not null || PendingCallback is not null
        || Appointment?.BirthDate is not null || PendingBirthDate is not null;
}
