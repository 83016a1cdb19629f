namespace Ivr.Portal;

/// <summary>Whether a user may have the record they asked for.</summary>
public enum LookupStatus
{
    Found,
    NotFound,

    /// <summary>It belongs to a practice the user may not see (a 403, audited).</summary>
    Denied,
}
