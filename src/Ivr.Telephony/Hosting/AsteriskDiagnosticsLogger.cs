using Ivr.Asterisk;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Hosting;

/// <summary>Turns the protocol layer's diagnostics into structured log events.</summary>
public sealed class AsteriskDiagnosticsLogger(ILogger<AsteriskDiagnosticsLogger> logger)
{
    public void Log(AsteriskDiagnostic diagnostic)
    {
        var level = diagnostic.Level switch
        {
            AsteriskDiagnosticLevel.Debug => LogLevel.Debug,
            AsteriskDiagnosticLevel.Information => LogLevel.Information,
            AsteriskDiagnosticLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        logger.Log(level, diagnostic.Exception, "{AsteriskEvent}: {Detail}", diagnostic.Event, diagnostic.Message);
    }
}
