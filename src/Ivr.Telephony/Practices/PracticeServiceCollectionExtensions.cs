using Ivr.Data;
using Ivr.Domain.Practices;
using Ivr.Telephony.Trunk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Practices;

/// <summary>Registers the practice store, the directory the call flow asks, and the renderer of typed greetings.</summary>
public static class PracticeServiceCollectionExtensions
{
    public static IServiceCollection AddPractices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PracticesOptions>().Bind(configuration.GetSection("Practices"));
        services.AddOptions<PromptsOptions>().Bind(configuration.GetSection("Prompts"));
        services.AddTrunkDialing(configuration);
        services.AddSingleton<GreetingRenderer>();
        services.AddSingleton<IPracticePrompts, PracticePrompts>();
        services.AddSingleton<Ivr.Domain.Flow.IRenderedPrompts, RenderedPrompts>();
        services.AddSingleton<IPracticeStore, SqlitePracticeStore>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PracticesOptions>>().Value;
            var supervisor = new OnCallContact(
                options.Supervisor.ClinicianId,
                options.Supervisor.DisplayName,
                options.Supervisor.DialString,
                TimeSpan.FromSeconds(options.Supervisor.RingTimeoutSeconds),
                "supervisor");
            var dialing = sp.GetRequiredService<TrunkDialing>();
            return new PracticeDirectory(sp.GetRequiredService<IPracticeStore>(), supervisor, dialing.DialString);
        });
        // A dialled number finds its practice however a carrier writes it (E.164, without '+', national).
        services.AddSingleton<IPracticeDirectory>(sp => new CarrierNumberDirectory(
            sp.GetRequiredService<PracticeDirectory>(),
            sp.GetRequiredService<IOptions<TrunkOptions>>().Value));
        return services;
    }
}
