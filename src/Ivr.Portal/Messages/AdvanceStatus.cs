namespace Ivr.Portal.Messages;

/// <summary>How acknowledging or resolving went.</summary>
public enum AdvanceStatus
{
    Done,

    /// <summary>The message was there or past already (someone else was quicker); nothing changed.</summary>
    AlreadyThere,
    NotFound,
    Denied,

    /// <summary>The note is longer than a history keeps; nothing was read or changed.</summary>
    NoteTooLong,
}
