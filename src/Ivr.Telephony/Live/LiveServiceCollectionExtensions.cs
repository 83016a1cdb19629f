using Ivr.Domain.Live;
using Ivr.Domain.Flow;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Telephony.Live;

/// <summary>Registers the tracker of calls in progress, as the flow's progress listener, and its AMI feed.</summary>
public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddLiveCalls(this IServiceCollection services)
    {
        services.AddSingleton<LiveCallTracker>();
        services.AddSingleton<ICallProgress>(sp => sp.GetRequiredService<LiveCallTracker>());
        services.AddSingleton<ILiveCalls>(sp => sp.GetRequiredService<LiveCallTracker>());
        services.AddHostedService<LiveCallFeed>();
        return services;
    }
}
