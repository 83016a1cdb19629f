namespace Ivr.Asterisk.Ami;

/// <summary>The outcome of an asynchronous Originate, from its <c>OriginateResponse</c> event.</summary>
/// <param name="Event">The OriginateResponse event.</param>
public sealed record AmiOriginateResult(AmiMessage Event)
{
    /// <summary>True when the far end answered (<c>Response: Success</c>).</summary>
    public bool Answered => string.Equals(Event["Response"], "Success", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Asterisk's reason code: 0 failure, 1 hangup, 3 ringing (no answer), 4 answered, 5 busy, 8 congestion.
    /// </summary>
    public int Reason => int.TryParse(Event["Reason"], out var reason) ? reason : 0;

    /// <summary>The originated channel's name.</summary>
    public string? Channel => Event["Channel"];

    /// <summary>The originated channel's unique id (or the ChannelId that was asked for).</summary>
    public string? UniqueId => Event["Uniqueid"];
}
