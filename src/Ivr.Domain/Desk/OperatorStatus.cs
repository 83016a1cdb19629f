namespace Ivr.Domain.Desk;

/// <summary>Where an operator stands at the desk.</summary>
public enum OperatorStatus
{
    /// <summary>Not at the desk: offered nothing.</summary>
    SignedOut,

    /// <summary>Waiting for a call: the longest idle is offered the next one.</summary>
    Available,

    /// <summary>Away, with a reason: offered nothing.</summary>
    OnBreak,

    /// <summary>Finishing the last call's notes: offered nothing until they say they are available.</summary>
    WrapUp,

    /// <summary>Their phone rings with a caller; they have <see cref="DeskOptions.AnswerTimeout"/> to answer.</summary>
    Offered,

    /// <summary>With a caller.</summary>
    OnCall,

    /// <summary>Did not answer an offered call: offered nothing until they say they are available (their screen says why).</summary>
    Paused,
}
