using Ivr.Domain.Prompts;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Telephony.Prompts;

/// <summary>Registers recorded prompts: preparing uploads and recordings with sox, the manifest's list, and the lookup calls play from.</summary>
public static class PromptServiceCollectionExtensions
{
    public static IServiceCollection AddRecordedPrompts(this IServiceCollection services)
    {
        services.AddSingleton<IPromptAudio, SoxPromptAudio>();
        services.AddSingleton<IPromptCatalog, PromptCatalog>();
        services.AddSingleton<PromptSounds>();
        services.AddHostedService(provider => provider.GetRequiredService<PromptSounds>());
        return services;
    }
}
