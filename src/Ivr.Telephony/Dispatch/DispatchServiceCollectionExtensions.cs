using Ivr.Domain.Dispatch;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Telephony.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Telephony.Dispatch;

/// <summary>Registers the dispatcher, its voice pager and worker, the notifications, and the campaigns' confirmation emails.</summary>
public static class DispatchServiceCollectionExtensions
{
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Dispatch").Get<DispatchOptions>() ?? new DispatchOptions());
        services.AddNotifications(configuration);
        services.AddSingleton<SealedPlayback>();
        services.AddSingleton<PageSpeech>();
        services.AddSingleton<SafetyNetImporter>();
        services.AddSingleton<IVoicePager, AmiVoicePager>();
        services.AddSingleton<VoicePageHandler>();
        services.AddSingleton(sp => new Dispatcher(
            sp.GetRequiredService<IDispatchStore>(),
            sp.GetRequiredService<IPracticeStore>(),
            sp.GetRequiredService<IPracticeDirectory>(),
            sp.GetRequiredService<IVoicePager>(),
            sp.GetRequiredService<Ivr.Domain.Dispatch.IEmailSender>(),
            sp.GetRequiredService<IWebhookSender>(),
            sp.GetRequiredService<DispatchOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}",
            sp.GetService<ICampaignStore>(),
            sp.GetService<IEhrHandoffStore>()));
        services.AddHostedService<DispatchWorker>();
        services.AddSingleton(sp => new EhrHandoffs(
            sp.GetRequiredService<IEhrHandoffStore>(),
            sp.GetRequiredService<IMessageStore>(),
            sp.GetRequiredService<IPracticeStore>(),
            sp.GetRequiredService<IEhrLink>(),
            sp.GetRequiredService<TimeProvider>(),
            $"{Environment.MachineName}:{Environment.ProcessId}:ehr:{Guid.NewGuid():N}",
            sp.GetRequiredService<DispatchOptions>().EhrFirstRetry));
        services.AddHostedService<EhrHandoffWorker>();
        services.AddSingleton<CampaignMailer>();
        services.AddHostedService<CampaignMailWorker>();
        return services;
    }
}
