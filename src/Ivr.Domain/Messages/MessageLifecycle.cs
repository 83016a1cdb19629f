namespace Ivr.Domain.Messages;

/// <summary>
/// Where a message stands, changed only through its transitions: received, dispatched, delivered,
/// acknowledged, resolved. A message only moves forward, never back and never twice to the same
/// status, so the first acknowledgement wins and a later one is refused. Each transition records who
/// made it and when; a store persists <see cref="Changes"/> only if the message still stands where it
/// was loaded (<see cref="Loaded"/>), so two processes can never both win the same transition.
/// </summary>
public sealed class MessageLifecycle
{
    private readonly List<MessageTransition> _changes = [];

    /// <summary>The longest note a person may leave on an acknowledgement or resolution.</summary>
    public const int MaxNoteLength = 2000;

    public MessageLifecycle(long messageId, MessageStatus status)
    {
        MessageId = messageId;
        Status = status;
        Loaded = status;
    }

    public long MessageId { get; }

    public MessageStatus Status { get; private set; }

    /// <summary>The status the message had when it was loaded: the store writes only over that one.</summary>
    public MessageStatus Loaded { get; }

    /// <summary>Transitions made since it was loaded, oldest first; what the store persists.</summary>
    public IReadOnlyList<MessageTransition> Changes => _changes;

    /// <summary>A page, email or report went out about it. Refused once it was dispatched or went further.</summary>
    public bool Dispatch(string by, DateTimeOffset at, string detail) => MoveTo(MessageStatus.Dispatched, by, at, detail);

    /// <summary>Someone heard or received it. Refused once it was delivered or went further.</summary>
    public bool Deliver(string by, DateTimeOffset at, string detail) => MoveTo(MessageStatus.Delivered, by, at, detail);

    /// <summary>Someone took responsibility for it, which stops its escalation. The first acknowledgement wins: refused once acknowledged or resolved.</summary>
    public bool Acknowledge(string by, DateTimeOffset at, string detail, string? note = null) => MoveTo(MessageStatus.Acknowledged, by, at, detail, note);

    /// <summary>
    /// The patient was contacted; nothing more to do, with what the person who talked to them wrote
    /// (<paramref name="note"/>, optional). Allowed from any earlier status, refused once resolved.
    /// </summary>
    public bool Resolve(string by, DateTimeOffset at, string detail, string? note = null) => MoveTo(MessageStatus.Resolved, by, at, detail, note);

    /// <summary>
    /// The transition to <paramref name="status"/>, for callers that hold the status as a value. Received is
    /// never a transition: refused. Only a person's acknowledgement or resolution carries a note.
    /// </summary>
    public bool Advance(MessageStatus status, string by, DateTimeOffset at, string detail, string? note = null) => status switch
    {
        MessageStatus.Dispatched when note is null => Dispatch(by, at, detail),
        MessageStatus.Delivered when note is null => Deliver(by, at, detail),
        MessageStatus.Dispatched or MessageStatus.Delivered => throw new ArgumentException("only an acknowledgement or a resolution carries a note", nameof(note)),
        MessageStatus.Acknowledged => Acknowledge(by, at, detail, note),
        MessageStatus.Resolved => Resolve(by, at, detail, note),
        MessageStatus.Received => false,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a message status"),
    };

    /// <summary>
    /// Records something done about the message that does not move it (a routine message escalated);
    /// refused once it was acknowledged or resolved, as nothing more is done about it then.
    /// </summary>
    public bool Remark(string by, DateTimeOffset at, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentNullException.ThrowIfNull(detail);
        if (Status >= MessageStatus.Acknowledged)
        {
            return false;
        }

        _changes.Add(new MessageTransition(Status, Status, by, at, detail));
        return true;
    }

    /// <summary>True when the message may still move to <paramref name="status"/>: it is behind it.</summary>
    public bool CanMoveTo(MessageStatus status) => status > Status;

    /// <summary>A note as kept: trimmed, null when blank; longer than <see cref="MaxNoteLength"/> is refused (ArgumentException).</summary>
    public static string? CleanNote(string? note)
    {
        var trimmed = note?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= MaxNoteLength
            ? trimmed
            : throw new ArgumentException($"a note is at most {MaxNoteLength} characters, not {trimmed.Length}", nameof(note));
    }

    private bool MoveTo(MessageStatus status, string by, DateTimeOffset at, string detail, string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentNullException.ThrowIfNull(detail);
        var kept = CleanNote(note);
        if (!CanMoveTo(status))
        {
            return false;
        }

        _changes.Add(new MessageTransition(Status, status, by, at, detail, kept));
        Status = status;
        return true;
    }
}
