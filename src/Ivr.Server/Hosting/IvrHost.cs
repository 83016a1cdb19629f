using Ivr.Telephony.Hosting;
using Ivr.Telephony;
using Ivr.Domain.Flow;
using Ivr.Server.Practices;
using Ivr.Telephony.Practices;
using Ivr.Data;
using Ivr.Portal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

namespace Ivr.Server.Hosting;

/// <summary>Builds the service's host: configuration, Serilog, and the hosted parts, the portal among them.</summary>
public static class IvrHost
{
    /// <param name="args">The command line's settings (<c>--Section:Key=value</c>).</param>
    /// <param name="services">Changes to the services after the service's own, e.g. a test's clock.</param>
    public static IHost Build(string[] args, Action<IServiceCollection>? services = null)
    {
        // appsettings.json travels with the binaries; relative data paths stay relative to where ivr runs.
        // The application name is the server's assembly even when a test runner hosts it, so the portal's pages are found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(IvrHost).Assembly.GetName().Name,
        });
        var data = DataDirectory.Apply(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(IvrLogging.Create(builder.Configuration), dispose: true);
        builder.Services.AddIvrData(builder.Configuration);
        builder.Services.AddTelephony(builder.Configuration);
        builder.Services.AddHostedService<PracticeSeedService>();
        builder.Services.AddSingleton<IDiagramLayout>(sp => new GraphvizLayout(sp.GetRequiredService<IOptions<PortalOptions>>().Value.GraphvizDot));
        builder.AddPortal();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Logger.LogInformation("Data directory: {DataDirectory}", data);
        return app.UsePortal();
    }
}
