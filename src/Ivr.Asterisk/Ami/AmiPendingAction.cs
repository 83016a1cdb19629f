namespace Ivr.Asterisk.Ami;

/// <summary>An action waiting for its response (and, for lists and Originate, for its events).</summary>
internal sealed class AmiPendingAction
{
    public AmiPendingAction(string name, string actionId, AmiPendingKind kind)
    {
        Name = name;
        ActionId = actionId;
        Kind = kind;
    }

    public string Name { get; }

    public string ActionId { get; }

    public AmiPendingKind Kind { get; }

    /// <summary>Completes with the response (single), after the list (list), or with the OriginateResponse event (originate).</summary>
    public TaskCompletionSource<object> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The response, once it came (lists and Originate keep waiting after it).</summary>
    public AmiMessage? Response { get; set; }

    /// <summary>List items collected so far.</summary>
    public List<AmiMessage> Items { get; } = [];
}
