namespace Ivr.StateMachine.Tests.Support;

public enum Trigger
{
    Start,
    Pause,
    Resume,
    Stop,
    Poke,
    Timeout,
    Fail,
    Noop,
}
