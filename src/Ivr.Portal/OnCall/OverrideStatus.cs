namespace Ivr.Portal.OnCall;

/// <summary>What came of adding or cancelling an override.</summary>
public enum OverrideStatus
{
    Done,
    NotFound,

    /// <summary>The user may not change this practice's schedule (a 403, audited).</summary>
    Denied,

    /// <summary>The override makes no sense (see <see cref="OverrideChange.Error"/>); nothing was stored.</summary>
    Invalid,
}
