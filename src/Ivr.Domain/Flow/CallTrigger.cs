namespace Ivr.Domain.Flow;

/// <summary>What moves a call from one state to the next.</summary>
public enum CallTrigger
{
    Continue,
    OfficeFirst,
    OfficeAnswered,
    Key1,
    Key2,
    Key3,

    /// <summary>The caller chose to request an appointment.</summary>
    Appointment,

    /// <summary>The time the caller chose was taken by another caller before it could be booked.</summary>
    SlotTaken,

    /// <summary>The caller chose the office information (hours, directions, fax, website).</summary>
    OfficeInformation,

    /// <summary>An operator answered the caller.</summary>
    OperatorAnswered,

    /// <summary>The caller held for the practice's maximum.</summary>
    MaxHold,

    /// <summary>The desk is done with the caller (released, or a patched clinician left).</summary>
    OperatorDone,

    /// <summary>The operator's line dropped with nobody else in the room: the caller is back in the queue.</summary>
    Requeued,

    /// <summary>The operator sent the caller to the office line.</summary>
    ToOffice,

    /// <summary>The caller asked for someone now and another process's desk has someone on their line, this one nobody.</summary>
    OtherDesk,

    /// <summary>Another process handed the caller to this one's desk: their call starts at the choice of a live person.</summary>
    HandedIn,
    NoInput,
    InvalidKey,
    PhysicianLeft,
    ChainExhausted,
    Saved,
    SaveFailed,
    HungUp,
    Failed,
}
