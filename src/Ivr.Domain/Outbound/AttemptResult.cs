namespace Ivr.Domain.Outbound;

/// <summary>How one outbound call to a patient ended.</summary>
public enum AttemptResult
{
    /// <summary>A person pressed 1: they got the message.</summary>
    Confirmed,

    /// <summary>A person chose a new slot and confirmed it (reschedule campaigns).</summary>
    Rescheduled,

    /// <summary>A person heard the message but hung up without confirming.</summary>
    HeardNotConfirmed,

    /// <summary>AMD said machine: the short message without medical details was left after the greeting.</summary>
    VoicemailLeft,

    NoAnswer,

    Busy,

    /// <summary>The call could not be made (congestion, no such number for now, Asterisk refused).</summary>
    Failed,

    /// <summary>A person pressed 8: no more calls from the practice.</summary>
    OptedOut,

    /// <summary>A person could not find a slot, or asked for the desk or the office: the office calls them.</summary>
    NeedsOfficeCall,
}

/// <summary>Where a patient of a campaign stands.</summary>
public enum PatientProgress
{
    /// <summary>Not called yet.</summary>
    Waiting,

    /// <summary>Called, not reached or not confirmed yet: called again.</summary>
    Trying,

    /// <summary>A voicemail was left, not confirmed yet: called again.</summary>
    VoicemailLeft,

    Confirmed,

    Rescheduled,

    OptedOut,

    /// <summary>Handed to the office (no slot fit, or they asked for a person): on the practice's list.</summary>
    NeedsOfficeCall,

    /// <summary>Every attempt spent without a confirmation: on the practice's unconfirmed list.</summary>
    Exhausted,
}
