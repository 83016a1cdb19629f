namespace Ivr.Domain.Flow;

/// <summary>The states of a voice page, from the clinician's answer to the hangup.</summary>
public enum PageState
{
    Incoming,

    /// <summary>Superstate: the clinician is on the line; a hangup or a failure ends the page.</summary>
    OnLine,
    Answering,
    AlreadyAcknowledged,
    Offering,
    PlayingMessage,
    Menu,
    Acknowledging,
    CallingPatient,
    NotAcknowledged,
    HungUp,
    Failed,
    Ended,
}
