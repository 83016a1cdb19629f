using Ivr.Domain.Flow;
using Ivr.Server.Practices;
using Ivr.Data;
using Ivr.Server.Portal;
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
    public static IHost Build(string[] args)
    {
        // appsettings.json travels with the binaries; relative data paths stay relative to where ivr runs.
        // The application name is the server's assembly even when a test runner hosts it, so the portal's pages are found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(IvrHost).Assembly.GetName().Name,
        });
        // Serilog.Extensions.Hosting is not in our registry; the logging provider does the same job.
        var serilog = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog, dispose: true);
        builder.Services.AddIvrData(builder.Configuration);
        builder.Services.AddTelephony(builder.Configuration);
        builder.Services.AddHostedService<PracticeSeedService>();
        builder.Services.AddSingleton<IDiagramLayout>(sp => new GraphvizLayout(sp.GetRequiredService<IOptions<PortalOptions>>().Value.GraphvizDot));
        builder.AddPortal();
        return builder.Build().UsePortal();
    }
}
