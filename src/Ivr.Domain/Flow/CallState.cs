namespace Ivr.Domain.Flow;

/// <summary>The states of a patient's call.</summary>
public enum CallState
{
    Incoming,

    /// <summary>Superstate: the service answers and routes the caller; a hangup here has nothing to save.</summary>
    Answering,
    RingingOffice,
    Greeting,
    MainMenu,

    /// <summary>The caller hears whether the office is open and when it opens, and its words; then the main menu again.</summary>
    OfficeInformation,
    SomeoneNowMenu,

    /// <summary>In the desk's queue: hold music in their room, their position and expected wait now and then.</summary>
    HoldingForOperator,

    /// <summary>Held for the practice's maximum: keep holding, leave an urgent message, or (if the practice allows) the doctor.</summary>
    MaxHoldMenu,

    /// <summary>An operator answered: the caller is in their room with the operator (and a patched clinician).</summary>
    WithOperator,

    /// <summary>The operator sent the caller to the practice's office line.</summary>
    TransferringToOffice,

    /// <summary>Nobody is on the caller's line at this process's desk but another process's desk has someone: the caller is handed to it.</summary>
    HandingToDesk,
    ConnectingPhysician,
    NoPhysician,

    /// <summary>Superstate: the caller is leaving a message; a hangup saves what was said.</summary>
    LeaveMessage,
    RecordName,
    CallbackOffer,
    CallbackEntry,
    CallbackConfirm,
    UrgencyChoice,
    RecordMessage,
    ReviewMessage,

    /// <summary>Superstate: the caller is requesting an appointment; a hangup saves what was said as a partial request.</summary>
    Appointment,
    AppointmentStanding,
    AppointmentName,
    AppointmentBirthDate,
    AppointmentBirthDateConfirm,
    AppointmentCallbackOffer,
    AppointmentCallbackEntry,
    AppointmentCallbackConfirm,
    AppointmentDays,
    AppointmentDay,
    AppointmentTime,
    AppointmentReason,

    /// <summary>At <c>EhrLevel.Book</c>: up to three free times that fit the caller's preferences.</summary>
    AppointmentSlots,
    AppointmentSlotConfirm,
    AppointmentBooking,

    /// <summary>Superstate: the message is being committed or the call closed; a hangup changes nothing.</summary>
    Finishing,
    SavingMessage,
    MessageSaved,
    CallerHungUp,
    Failed,
    Ended,
}
