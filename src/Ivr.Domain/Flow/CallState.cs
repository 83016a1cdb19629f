namespace Ivr.Domain.Flow;

/// <summary>The states of a patient's call.</summary>
public enum CallState
{
    Incoming,
    RingingOffice,
    Greeting,
    MainMenu,
    SomeoneNowMenu,
    ConnectingPhysician,
    NoPhysician,
    LeaveMessage,
    RecordName,
    CallbackOffer,
    CallbackEntry,
    CallbackConfirm,
    UrgencyChoice,
    RecordMessage,
    ReviewMessage,
    SavingMessage,
    MessageSaved,
    CallerHungUp,
    Failed,
    Ended,
}
