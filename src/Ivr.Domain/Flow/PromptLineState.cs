namespace Ivr.Domain.Flow;

/// <summary>The states of a call to the prompt-recording line, from the answer to the hangup.</summary>
public enum PromptLineState
{
    Incoming,

    /// <summary>Superstate: the caller is on the line; a hangup or a failure ends the call, keeping nothing not yet kept.</summary>
    OnLine,
    Answering,
    AskingPin,
    AskingNumber,
    PlayingCurrent,
    Recording,
    Reviewing,
    Keeping,
    SayingGoodbye,
    HungUp,
    Failed,
    Ended,
}
