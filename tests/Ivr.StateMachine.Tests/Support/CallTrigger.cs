namespace Ivr.StateMachine.Tests.Support;

public enum CallTrigger
{
    Answered,
    Key1,
    Key2,
    NoInput,
    Timeout,
    HungUp,
    Failed,
}
