namespace Ivr.StateMachine;

/// <summary>A trigger that carries 2 typed argument(s); made by <c>SetTriggerParameters</c> on the builder.</summary>
public sealed class TriggerWithParameters<TTrigger, TArg0, TArg1>
    where TTrigger : notnull
{
    internal TriggerWithParameters(TTrigger trigger) => Trigger = trigger;

    /// <summary>The underlying trigger.</summary>
    public TTrigger Trigger { get; }

    internal static Type[] ParameterTypes { get; } = [typeof(TArg0), typeof(TArg1)];
}
