using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Telephony.Outbound;

/// <summary>Registers the campaigns' dialler and worker, their AMI caller, the <c>outbound</c> script and the campaigns' speech.</summary>
public static class OutboundServiceCollectionExtensions
{
    public static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Outbound").Get<OutboundOptions>() ?? new OutboundOptions();
        if (options.Check() is { } wrong)
        {
            throw new InvalidOperationException($"The outbound settings cannot be used: {wrong}.");
        }

        services.AddSingleton(options);
        services.Configure<OutboundLineOptions>(configuration.GetSection("Outbound"));
        services.AddSingleton<ICampaignSpeech, CampaignSpeech>();
        services.AddSingleton<ILineLoad, LiveLineLoad>();
        services.AddSingleton<IOutboundCaller, AmiOutboundCaller>();
        services.AddSingleton(sp => new CampaignCalls(sp.GetRequiredService<ICampaignStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CampaignDialler(
            sp.GetRequiredService<ICampaignStore>(),
            sp.GetRequiredService<IPracticeStore>(),
            sp.GetRequiredService<IOutboundCaller>(),
            sp.GetRequiredService<ILineLoad>(),
            sp.GetRequiredService<ICampaignSpeech>(),
            sp.GetRequiredService<CampaignCalls>(),
            options,
            sp.GetRequiredService<TimeProvider>()));
        // A practice whose EHR books has its reschedule times read from, and booked in, the EHR; others keep the typed ones.
        services.AddSingleton<ICampaignSlotSource>(sp => new EhrCampaignSlots(
            sp.GetRequiredService<ICampaignStore>(),
            sp.GetRequiredService<IPracticeStore>(),
            sp.GetService<Ivr.Domain.Ehr.IEhrLink>() ?? Ivr.Domain.Ehr.NoEhrLink.Instance,
            options,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OutboundCallHandler>();
        services.AddHostedService<CampaignWorker>();
        return services;
    }
}
