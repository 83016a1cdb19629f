namespace Ivr.Domain.Practices;

/// <summary>How a clinician can be reached.</summary>
public enum ContactKind
{
    /// <summary>A SIP endpoint: the address is an Asterisk dial string such as <c>PJSIP/drlee</c>.</summary>
    Sip,

    /// <summary>A phone number, dialed through the configured trunk.</summary>
    Phone,

    /// <summary>An email address, for notices that carry no patient data.</summary>
    Email,
}
