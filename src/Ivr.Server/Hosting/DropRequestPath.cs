using Serilog.Core;
using Serilog.Events;

namespace Ivr.Server.Hosting;

/// <summary>
/// Takes ASP.NET Core's <c>RequestPath</c> (from its per-request logging scope) off every event before
/// it is written: a path as typed can carry a secret (a calendar feed's token). The portal's request
/// line names the route template instead.
/// </summary>
public sealed class DropRequestPath : ILogEventEnricher
{
    public const string PropertyName = "RequestPath";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        logEvent.RemovePropertyIfPresent(PropertyName);
    }
}
