using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace Ivr.Portal;

/// <summary>
/// One log line per portal request: method, the endpoint's route template, status and time taken.
/// Never the path as typed nor the query string: a path can hold a calendar feed's secret token, a
/// query a search; the template (<c>/calendar/{token}.ics</c>, <c>/api/messages/{id:long}</c>) says enough.
/// </summary>
public static class PortalRequestLog
{
    public const string Template = "HTTP {RequestMethod:l} {RequestRoute:l} responded {StatusCode} in {Elapsed:0.0000} ms";
    public const string NoRoute = "(no route)";

    private const string RouteItem = "Ivr.Portal.RequestRoute";

    /// <summary>Logs each request as it completes; goes early in the pipeline so it sees the final status.</summary>
    public static WebApplication UsePortalRequestLog(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetService<Serilog.ILogger>();
            options.MessageTemplate = Template;
            options.IncludeQueryInRequestPath = false;
            options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestRoute", new ScalarValue(context.Items[RouteItem] as string ?? NoRoute)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        return app;
    }

    /// <summary>
    /// Notes the matched endpoint's route template; goes right after routing. The first match is
    /// kept, so an error page shown in the request's place does not stand in for what was asked.
    /// </summary>
    public static WebApplication UseRequestRouteForLog(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Items[RouteItem] ??= RouteOf(context.GetEndpoint());
            return next(context);
        });
        return app;
    }

    private static string RouteOf(Endpoint? endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? (pattern.StartsWith('/') ? pattern : "/" + pattern)
            : NoRoute;
}
