using Ivr.Domain.Desk;
using Ivr.Domain.Practices;

namespace Ivr.Telephony.Desk;

/// <summary>
/// One caller at the desk, as the desk service holds it: from joining the queue until both their flow has
/// let go (<see cref="FlowDone"/>) and the operator who took them has released the call. Guarded by the
/// service's lock.
/// </summary>
internal sealed class DeskCallState(DeskCaller caller, DeskCard card)
{
    /// <summary>Who called and how; replaced (with a higher priority) when the caller says the call is urgent or is put back in the queue.</summary>
    public DeskCaller Caller { get; set; } = caller;

    public DeskCard Card { get; } = card;

    public string CallId => Caller.CallId;

    public DeskStage Stage { get; set; } = DeskStage.Waiting;

    /// <summary>
    /// The stage the caller's flow last read (<see cref="DeskService.Standing"/>). A caller entering their room on an
    /// older reading missed the desk's move (the kick that announced it came before they were in the room), so they are
    /// taken out again to read the new stage.
    /// </summary>
    public DeskStage SeenStage { get; set; } = DeskStage.Waiting;

    /// <summary>How many times the call was offered: each offer rings a channel of its own.</summary>
    public int Offers { get; set; }

    /// <summary>The channel id of the offer ringing now; null when none rings.</summary>
    public string? RingingChannelId { get; set; }

    /// <summary>The operator who answered; null while waiting.</summary>
    public string? Operator { get; set; }

    /// <summary>The operator's channel in the room (to take them out on release).</summary>
    public string? OperatorChannel { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>True from the operator's release (or transfer): the room emptying then ends the call instead of putting it back in the queue.</summary>
    public bool Released { get; set; }

    /// <summary>True while the operator still has the call on their screen (until they release it).</summary>
    public bool Attached { get; set; }

    /// <summary>True once the caller's flow let go of the desk (hung up, or moved on).</summary>
    public bool FlowDone { get; set; }

    public DeskPatchState? PatchState { get; set; }

    public List<DeskPatchStep> PatchSteps { get; } = [];

    public IReadOnlyList<OnCallContact> PatchChain { get; set; } = [];

    public CancellationTokenSource? PatchStop { get; set; }

    /// <summary>The clinician a patch connected.</summary>
    public string? ClinicianId { get; set; }

    /// <summary>The operator whose patch the clinician accepted (the summary names them even after a line dropped).</summary>
    public string? PatchedBy { get; set; }

    /// <summary>When the patched clinician joined the caller.</summary>
    public DateTimeOffset? ClinicianJoinedAt { get; set; }

    /// <summary>When the call ended for the patched clinician: their leaving emptied the room, or the caller's line ended first.</summary>
    public DateTimeOffset? PatchEndedAt { get; set; }

    public long? MessageId { get; set; }

    public string? Notice { get; set; }

    public OfficeLine? Office { get; set; }

    public string Detail { get; set; } = "waiting for an operator";

    /// <summary>When they were last taken out of their timed wait to move to the process that claimed them (<see cref="DeskService.ShareQueueAsync"/>).</summary>
    public DateTimeOffset? NudgedAt { get; set; }

    /// <summary>The FastAGI address of another process that claimed this waiting caller from the shared queue for someone free there, as last read.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Nobody answers for the call any more (their line dropped, or they transferred it): it is nobody's, unanswered.</summary>
    public void WorkerGone()
    {
        Operator = null;
        OperatorChannel = null;
        Attached = false;
        AnsweredAt = null;
        PatchState = null;
        PatchSteps.Clear();
    }
}
