namespace Ivr.StateMachine.Tests.Support;

public enum State
{
    Idle,
    Outer,
    Inner,
    Paused,
    Deep,
    Done,
    Fault,
}
