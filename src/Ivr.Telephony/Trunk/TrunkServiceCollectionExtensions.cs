using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Trunk;

/// <summary>Registers the carrier trunk's settings and dial strings (<see cref="AddTrunkDialing"/>) and the watch on its registration.</summary>
public static class TrunkServiceCollectionExtensions
{
    /// <summary>The <c>Trunk</c> settings and <see cref="TrunkDialing"/>; the command line needs these without Asterisk.</summary>
    public static IServiceCollection AddTrunkDialing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrunkOptions>().Bind(configuration.GetSection("Trunk"));
        services.AddSingleton(sp => new TrunkDialing(
            sp.GetRequiredService<IOptions<TrunkOptions>>().Value,
            sp.GetRequiredService<IOptions<Practices.PracticesOptions>>().Value));
        return services;
    }

    /// <summary>The watch on the trunk's registration (<see cref="TrunkWatcher"/>, <see cref="TrunkHealth"/>); idle without a trunk.</summary>
    public static IServiceCollection AddTrunkHealth(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TrunkOptions>>().Value);
        services.AddSingleton<TrunkHealth>();
        services.AddSingleton<Ivr.Domain.Live.IOutsideLine>(sp => sp.GetRequiredService<TrunkHealth>());
        services.AddHostedService<TrunkWatcher>();
        return services;
    }
}
