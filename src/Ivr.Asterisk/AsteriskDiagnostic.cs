namespace Ivr.Asterisk;

/// <summary>
/// Something the protocol layer wants whoever runs it to know. The layer takes no logging dependency;
/// the host turns these into structured log events.
/// </summary>
/// <param name="Level">How serious it is.</param>
/// <param name="Event">A stable short name for the event, e.g. <c>AmiReconnected</c>.</param>
/// <param name="Message">Words for a person; never carries caller data.</param>
/// <param name="Exception">The exception behind it, if any.</param>
public sealed record AsteriskDiagnostic(AsteriskDiagnosticLevel Level, string Event, string Message, Exception? Exception = null);
