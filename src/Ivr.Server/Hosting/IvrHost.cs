using Ivr.Server.Calls;
using Ivr.Server.Data;
using Ivr.Server.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Ivr.Server.Hosting;

/// <summary>Builds the service's host: configuration, Serilog, and the hosted parts.</summary>
public static class IvrHost
{
    public static IHost Build(string[] args)
    {
        // appsettings.json travels with the binaries; relative data paths stay relative to where ivr runs.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Serilog.Extensions.Hosting is not in our registry; the logging provider does the same job.
        var serilog = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog, dispose: true);
        builder.Services.AddIvrData(builder.Configuration);
        builder.Services.AddAsteriskConnections(builder.Configuration);
        builder.Services.AddCallHandling(builder.Configuration);
        builder.Services.AddDispatch(builder.Configuration);
        return builder.Build();
    }
}
