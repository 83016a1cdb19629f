namespace Ivr.Telephony.Trunk;

/// <summary>Where the trunk's outbound registration stands, as Asterisk's <c>PJSIPShowRegistrationsOutbound</c> says.</summary>
public enum TrunkRegistrationState
{
    /// <summary>Not asked yet, or Asterisk could not be asked.</summary>
    Unknown,

    /// <summary>The carrier took our registration: calls can leave and arrive.</summary>
    Registered,

    /// <summary>Not registered (starting, or the carrier did not answer); Asterisk keeps trying.</summary>
    Unregistered,

    /// <summary>The carrier refused it (a wrong username or password, a 403, a 404).</summary>
    Rejected,

    /// <summary>Asterisk stopped trying (a reload or shutdown in progress).</summary>
    Stopped,

    /// <summary>Asterisk has no registration of that name: the trunk is in the service's settings but not in pjsip.conf.</summary>
    Missing,
}
