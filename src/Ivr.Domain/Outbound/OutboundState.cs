namespace Ivr.Domain.Outbound;

/// <summary>The states of a campaign call, from the patient's answer to the hangup.</summary>
public enum OutboundState
{
    Incoming,

    /// <summary>Superstate: the patient's line is up; a hangup or a failure ends the call.</summary>
    OnLine,
    Detecting,
    WaitingForSilence,
    LeavingVoicemail,
    Speaking,
    Menu,
    Confirming,
    OfferingSlots,
    ReadingBack,
    Booking,
    NoSlots,
    ToOffice,
    OptingOut,
    NotConfirmed,
    HungUp,
    Failed,
    Ended,
}

/// <summary>What moves a campaign call on.</summary>
public enum OutboundTrigger
{
    Continue,
    Machine,
    Key0,
    Key1,
    Key2,
    Key3,
    Key8,
    NoInput,
    NoSlots,
    Taken,
    HungUp,
    Failed,
}
