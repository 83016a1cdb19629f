namespace Ivr.Domain.Desk;

/// <summary>How a caller left the desk's queue without an operator.</summary>
public enum DeskLeave
{
    /// <summary>Hung up while waiting: abandoned.</summary>
    HungUp,

    /// <summary>Chose to leave a message after the maximum hold.</summary>
    Message,

    /// <summary>Chose the on-call doctor after the maximum hold.</summary>
    Doctor,

    /// <summary>The service stopped or failed while they waited: the dialplan's safety net took the call.</summary>
    SafetyNet,
}
