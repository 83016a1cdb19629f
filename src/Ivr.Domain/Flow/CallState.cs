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
    SomeoneNowMenu,
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

    /// <summary>Superstate: the message is being committed or the call closed; a hangup changes nothing.</summary>
    Finishing,
    SavingMessage,
    MessageSaved,
    CallerHungUp,
    Failed,
    Ended,
}
