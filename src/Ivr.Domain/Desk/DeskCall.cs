namespace Ivr.Domain.Desk;

/// <summary>A call on the desk as the operator sees it, from the moment it is offered (before they answer).</summary>
/// <param name="CallId">The desk's id of the call (the caller's channel uniqueid).</param>
/// <param name="CallRecordId">The call record's id (for the portal's call page and timeline).</param>
/// <param name="Answered">False while their phone rings with it.</param>
/// <param name="Priority">Urgent lines come first.</param>
/// <param name="QueuedAt">When the caller joined the queue.</param>
/// <param name="AnsweredAt">When the operator answered; null while ringing.</param>
/// <param name="Card">The practice's card.</param>
/// <param name="Path">What the caller did before reaching the desk, in order.</param>
/// <param name="MessageId">The message saved for this call, if any.</param>
/// <param name="Patch">The patch to the doctor, once asked for.</param>
/// <param name="Notice">The last thing the desk has to tell the operator about this call (a refused transfer, the caller hung up); null when nothing.</param>
public sealed record DeskCall(
    string CallId,
    long CallRecordId,
    bool Answered,
    DeskPriority Priority,
    DateTimeOffset QueuedAt,
    DateTimeOffset? AnsweredAt,
    DeskCard Card,
    IReadOnlyList<DeskPathStep> Path,
    long? MessageId,
    DeskPatch? Patch,
    string? Notice);

/// <summary>One step of the caller's way to the desk (a menu choice, a wait), for the operator.</summary>
public sealed record DeskPathStep(DateTimeOffset At, string What);
