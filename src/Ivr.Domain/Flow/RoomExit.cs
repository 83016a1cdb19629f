namespace Ivr.Domain.Flow;

/// <summary>Why a caller's wait in their room ended (other than hanging up, which throws).</summary>
public enum RoomExit
{
    /// <summary>The wait's time limit passed.</summary>
    TimedOut,

    /// <summary>The service took them out (an operator answered, or sent them on).</summary>
    Removed,

    /// <summary>The last marked participant (operator, clinician) left.</summary>
    Emptied,
}
