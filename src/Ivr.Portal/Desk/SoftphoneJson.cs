namespace Ivr.Portal.Desk;

/// <summary>
/// What <c>GET /api/desk/softphone</c> answers: where to register and as whom, with a password set
/// for this page alone (the next opening of the desk replaces it). Never logged, never stored by the page.
/// </summary>
public sealed record SoftphoneJson(string WebSocketUrl, string SipUri, string Password);
