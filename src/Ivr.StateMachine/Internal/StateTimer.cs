namespace Ivr.StateMachine.Internal;

/// <summary>An <c>After(delay, trigger)</c> rule.</summary>
internal sealed class StateTimer<TTrigger>(Func<TimeSpan> delay, TTrigger trigger, string delayLabel)
    where TTrigger : notnull
{
    public Func<TimeSpan> Delay { get; } = delay;

    public TTrigger Trigger { get; } = trigger;

    /// <summary>How graphs show the delay, e.g. <c>30s</c>.</summary>
    public string DelayLabel { get; } = delayLabel;
}
