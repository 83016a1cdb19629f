using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Ami;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Hosting;

/// <summary>Registers the FastAGI server and the AMI connection as hosted services.</summary>
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
        services.AddSingleton<AmiConnectionService>();
        services.AddHostedService(sp => sp.GetRequiredService<AmiConnectionService>());
        services.AddHostedService<FastAgiHostedService>();
        return services;
    }
}
