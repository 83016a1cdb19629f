using Ivr.Telephony.Calls;
using Ivr.Telephony.Desk;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Live;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Prompts;
using Ivr.Telephony.Trunk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Telephony;

/// <summary>Registers what talks to Asterisk: the AMI and FastAGI hosting, live call tracking, the call runner, practices' prompts, dispatch, outbound campaigns, and the watch on the carrier trunk and on each Asterisk server.</summary>
public static class TelephonyServiceCollectionExtensions
{
    public static IServiceCollection AddTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAsteriskConnections(configuration);
        services.AddLiveCalls();
        services.AddCallHandling(configuration);
        services.AddDesk(configuration);
        services.AddDispatch(configuration);
        services.AddOutbound(configuration);
        services.AddRecordedPrompts();
        services.AddTrunkHealth();
        services.AddAsteriskHealth(configuration);
        return services;
    }
}
