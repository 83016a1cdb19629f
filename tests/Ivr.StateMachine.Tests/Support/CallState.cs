namespace Ivr.StateMachine.Tests.Support;

public enum CallState
{
    Ringing,
    InCall,
    Greeting,
    MainMenu,
    LeaveMessage,
    RecordName,
    ConfirmCallback,
    Hold,
    Ended,
}
