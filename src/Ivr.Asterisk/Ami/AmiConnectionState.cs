namespace Ivr.Asterisk.Ami;

/// <summary>Where the client's connection stands.</summary>
public enum AmiConnectionState
{
    /// <summary>Logged in; actions can be sent.</summary>
    Connected,

    /// <summary>The connection dropped; the client is trying again with back-off.</summary>
    Reconnecting,

    /// <summary>Disposed; nothing more will happen.</summary>
    Closed,
}
