using Ivr.Domain.Dispatch;
using Ivr.Domain.Practices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Telephony.Dispatch;

/// <summary>Registers the dispatcher, its voice pager and worker, and the notifications.</summary>
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
            $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"));
        services.AddHostedService<DispatchWorker>();
        return services;
    }
}
