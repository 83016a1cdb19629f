namespace Ivr.Asterisk.Ami;

/// <summary>What completes a pending action.</summary>
internal enum AmiPendingKind
{
    /// <summary>The response alone.</summary>
    Single,

    /// <summary>The response, then item events up to <c>EventList: Complete</c>.</summary>
    List,

    /// <summary>The response, then the OriginateResponse event with the same ActionID.</summary>
    Originate,
}
