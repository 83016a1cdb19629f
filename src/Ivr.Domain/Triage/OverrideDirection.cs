namespace Ivr.Domain.Triage;

/// <summary>Which way a nurse moved the computed disposition on the ladder.</summary>
public enum OverrideDirection
{
    /// <summary>To a more urgent disposition: the reason is enough.</summary>
    Up,

    /// <summary>To a less urgent disposition: the triage goes on the on-call physician's review list.</summary>
    Down,
}
