namespace Ivr.Portal.Triage;

/// <summary>How a physician's "Reviewed" on a downgraded triage went.</summary>
public enum TriageReviewStatus
{
    /// <summary>Recorded now, with who and when.</summary>
    Reviewed,

    /// <summary>Someone had reviewed it already: nothing changed (the first review stands).</summary>
    AlreadyReviewed,

    /// <summary>The triage was not downgraded, so there is nothing to review (a 409).</summary>
    NotNeeded,

    /// <summary>No such triage (a 404).</summary>
    NotFound,

    /// <summary>Not the supervisor, nor a clinician of the triage's practice (a 403, audited).</summary>
    Denied,
}
