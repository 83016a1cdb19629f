using Ivr.Domain.Desk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Telephony.Desk;

/// <summary>Registers the operator desk: one <see cref="DeskService"/> that callers' flows join and the portal shows.</summary>
public static class DeskServiceCollectionExtensions
{
    public static IServiceCollection AddDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeskOptions>().Bind(configuration.GetSection("Desk"));
        services.AddSingleton<DeskService>();
        services.AddSingleton<IOperatorDesk>(sp => sp.GetRequiredService<DeskService>());
        services.AddSingleton<IDeskBoard>(sp => sp.GetRequiredService<DeskService>());
        services.AddSingleton<OperatorLegHandler>();
        services.AddHostedService<DeskRoomWatcher>();
        services.AddHostedService<DeskPresencePublisher>();
        return services;
    }
}
