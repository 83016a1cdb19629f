namespace Ivr.StateMachine.Internal;

internal enum TriggerBehaviourKind
{
    Transition,
    Reentry,
    Ignore,
    Internal,
}
