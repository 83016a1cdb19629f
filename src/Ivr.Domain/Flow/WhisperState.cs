namespace Ivr.Domain.Flow;

/// <summary>The states of the clinician's whisper.</summary>
public enum WhisperState
{
    Incoming,

    /// <summary>Superstate: the clinician is on the line; a hangup or a failure ends the whisper.</summary>
    OnLine,
    Introducing,
    Menu,
    Joining,
    Declining,
    NoResponse,
    HungUp,
    Failed,
    Ended,
}
