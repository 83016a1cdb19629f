namespace Ivr.Portal.Triage;

/// <summary>How the triage API answered a request.</summary>
public enum TriageAccessStatus
{
    /// <summary>Done: the state is in the answer.</summary>
    Open,

    /// <summary>Not a nurse or the supervisor, or a call that is not theirs (a 403, audited).</summary>
    Denied,

    /// <summary>No such call record (a 404).</summary>
    NotFound,

    /// <summary>A nurse named no call and has none at the desk (a 409).</summary>
    NoCall,

    /// <summary>The engine refused the step, with why (a 409).</summary>
    Refused,

    /// <summary>What was typed is not right, by field (a 422).</summary>
    Invalid,
}
