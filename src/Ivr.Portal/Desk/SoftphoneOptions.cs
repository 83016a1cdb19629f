namespace Ivr.Portal.Desk;

/// <summary>How the desk page's softphone reaches Asterisk (section <c>Softphone</c>).</summary>
public sealed class SoftphoneOptions
{
    /// <summary>
    /// The WebSocket the browser registers over: Asterisk's own web server (http.conf) and its PJSIP
    /// <c>ws</c> transport. Default <c>ws://127.0.0.1:8088/ws</c>, reachable from this machine only; in
    /// production a <c>wss://</c> address (the reverse proxy in front of the portal forwarding to
    /// 127.0.0.1:8088, or Asterisk's own TLS), since a page served over HTTPS may open <c>ws://</c> to
    /// loopback only. The portal's content security policy lets pages connect to this origin.
    /// </summary>
    public string WebSocketUrl { get; set; } = "ws://127.0.0.1:8088/ws";

    /// <summary>The host part of the softphone's SIP address (<c>sip:op-NAME@SipDomain</c>). Default <c>127.0.0.1</c>.</summary>
    public string SipDomain { get; set; } = "127.0.0.1";

    /// <summary>The WebSocket's origin (<c>ws://host:port</c>), which the content security policy names.</summary>
    public string WebSocketOrigin => new Uri(WebSocketUrl).GetLeftPart(UriPartial.Authority);

    public void Validate()
    {
        if (!Uri.TryCreate(WebSocketUrl, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"Softphone:WebSocketUrl '{WebSocketUrl}' is not a ws:// or wss:// address.");
        }

        if (SipDomain.Length == 0 || SipDomain.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')))
        {
            throw new ArgumentException($"Softphone:SipDomain '{SipDomain}' is not a host name or address.");
        }
    }
}
