namespace Ivr.Asterisk.Ami;

/// <summary>No (complete) response arrived within the action's timeout.</summary>
public sealed class AmiActionTimeoutException : AmiException
{
    /// <summary>Creates the exception.</summary>
    public AmiActionTimeoutException(string action, string actionId, TimeSpan timeout)
        : base($"AMI action {action} ({actionId}) had no response within {timeout.TotalSeconds:0.###} s.")
    {
        Action = action;
        ActionId = actionId;
    }

    /// <summary>The action name.</summary>
    public string Action { get; }

    /// <summary>The ActionID it was sent with.</summary>
    public string ActionId { get; }
}
