namespace Ivr.StateMachine;

/// <summary>What happened to a fired trigger.</summary>
public enum FireResultKind
{
    /// <summary>The machine moved to another state, or re-entered its state through <c>PermitReentry</c>.</summary>
    Transitioned,

    /// <summary>The trigger matched an <c>Ignore</c> or <c>IgnoreIf</c> rule; nothing ran.</summary>
    Ignored,

    /// <summary>An internal transition's action ran; no state was exited or entered.</summary>
    InternalTransition,

    /// <summary>No rule for the trigger exists in the current state or any of its superstates.</summary>
    NoTransition,

    /// <summary>Rules for the trigger exist but every guard refused; <see cref="FireResult{TState, TTrigger}.UnmetGuards"/> says which.</summary>
    GuardRefused,

    /// <summary>The trigger was queued behind one whose action threw, and was dropped without running.</summary>
    Aborted,

    /// <summary>The fire's cancellation token, or the instance's disposal, stopped it before or while it ran.</summary>
    Cancelled,
}
