namespace Ivr.Asterisk.Ami;

/// <summary>What an AMI message is, decided by its first header.</summary>
public enum AmiMessageKind
{
    /// <summary>A reply to an action (first header <c>Response</c>).</summary>
    Response,

    /// <summary>An event (first header <c>Event</c>); OriginateResponse is one, despite its Response header.</summary>
    Event,

    /// <summary>An action (first header <c>Action</c>); seen only by servers and fakes.</summary>
    Action,
}
