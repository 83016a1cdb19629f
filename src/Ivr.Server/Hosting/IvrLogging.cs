using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Configuration;
using Serilog.Formatting.Compact;

namespace Ivr.Server.Hosting;

/// <summary>The service's Serilog logger: levels from <c>Serilog</c>, format and file from <c>Logging</c> (<see cref="LoggingOptions"/>).</summary>
public static class IvrLogging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static Serilog.Core.Logger Create(IConfiguration configuration)
    {
        var options = configuration.GetSection("Logging").Get<LoggingOptions>() ?? new LoggingOptions();
        options.Validate();
        return new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            // A sub-logger's enrichers run last, after those that add ASP.NET Core's scope.
            .WriteTo.Logger(output => Sinks(output.Enrich.With<DropRequestPath>().WriteTo, options))
            .CreateLogger();
    }

    private static void Sinks(LoggerSinkConfiguration writeTo, LoggingOptions options)
    {
        var json = options.Format.Equals(LoggingOptions.Json, StringComparison.OrdinalIgnoreCase);
        if (json)
        {
            writeTo.Console(new RenderedCompactJsonFormatter());
        }
        else
        {
            writeTo.Console(outputTemplate: TextTemplate);
        }

        if (options.File.Length == 0)
        {
            return;
        }

        if (json)
        {
            writeTo.File(new RenderedCompactJsonFormatter(), options.File);
        }
        else
        {
            writeTo.File(options.File, outputTemplate: TextTemplate);
        }
    }
}
