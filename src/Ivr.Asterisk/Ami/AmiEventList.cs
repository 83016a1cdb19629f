namespace Ivr.Asterisk.Ami;

/// <summary>The answer to a list action: its response, the item events, and the closing event.</summary>
/// <param name="Response">The <c>Response: Success</c> that opened the list, or the Error that replaced it.</param>
/// <param name="Events">The items, in order.</param>
/// <param name="Completion">The <c>EventList: Complete</c> event, or null when the action failed.</param>
public sealed record AmiEventList(AmiMessage Response, IReadOnlyList<AmiMessage> Events, AmiMessage? Completion)
{
    /// <summary>True when Asterisk answered Error instead of starting a list (e.g. "No active conferences.").</summary>
    public bool IsError => !Response.IsSuccess;
}
