using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Ami;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Hosting;

/// <summary>Registers the FastAGI server and the AMI connections as hosted services.</summary>
public static class AsteriskServiceCollectionExtensions
{
    public static IServiceCollection AddAsteriskConnections(this IServiceCollection services, IConfiguration configuration)
    {
        // The service admits only Asterisk: without a configured key every session is refused.
        services.AddOptions<FastAgiServerOptions>().Bind(configuration.GetSection("Asterisk:FastAgi")).PostConfigure(o => o.RequireSecret = true).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddOptions<AmiClientOptions>().Bind(configuration.GetSection("Asterisk:Ami"));
        services.AddSingleton<AsteriskDiagnosticsLogger>();
        services.AddSingleton(sp => Servers(sp, configuration));
        services.AddSingleton(sp => sp.GetRequiredService<AsteriskServers>().Own);
        services.AddHostedService(sp => sp.GetRequiredService<AsteriskServers>());
        services.AddHostedService<FastAgiHostedService>();
        return services;
    }

    /// <summary>The watch on every Asterisk server (<see cref="AsteriskHealthWatcher"/>, <see cref="AsteriskHealth"/>, <c>Asterisk:Health</c>).</summary>
    public static IServiceCollection AddAsteriskHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AsteriskHealthOptions>().Bind(configuration.GetSection("Asterisk:Health")).Validate(o => o.DownGrace >= TimeSpan.Zero && o.Check > TimeSpan.Zero, "Asterisk:Health:Check must be positive and DownGrace not negative.").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AsteriskHealthOptions>>().Value);
        services.AddSingleton<AsteriskHealth>();
        services.AddSingleton<Ivr.Domain.Live.IPhoneServers>(sp => sp.GetRequiredService<AsteriskHealth>());
        services.AddHostedService<AsteriskHealthWatcher>();
        return services;
    }

    /// <summary>
    /// <c>Asterisk:Servers:N</c> (<c>Name</c>, the server's systemname, and any <c>Asterisk:Ami</c> setting, which it
    /// overrides: usually <c>Host</c> and <c>Port</c>), the process's own first; without it the one <c>Asterisk:Ami</c>.
    /// </summary>
    private static AsteriskServers Servers(IServiceProvider services, IConfiguration configuration)
    {
        var diagnostics = services.GetRequiredService<AsteriskDiagnosticsLogger>();
        var logs = services.GetRequiredService<ILoggerFactory>();
        var listed = configuration.GetSection("Asterisk:Servers").GetChildren().OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue).ToArray();
        if (listed.Length == 0)
        {
            return new AsteriskServers(new AmiConnectionService(services.GetRequiredService<IOptions<AmiClientOptions>>(), diagnostics, logs.CreateLogger<AmiConnectionService>()));
        }

        var servers = new List<AmiConnectionService>();
        foreach (var section in listed)
        {
            var name = section["Name"] ?? string.Empty;
            if (name.Length == 0 || servers.Any(s => s.Name == name))
            {
                throw new OptionsValidationException(
                    "Asterisk:Servers",
                    typeof(AmiClientOptions),
                    [$"Asterisk:Servers:{section.Key}:Name must be set to the server's systemname (asterisk.conf), once per server."]);
            }

            var options = new AmiClientOptions();
            configuration.GetSection("Asterisk:Ami").Bind(options);
            section.Bind(options);
            servers.Add(new AmiConnectionService(name, options, diagnostics, logs.CreateLogger<AmiConnectionService>()));
        }

        return new AsteriskServers(servers);
    }
}
