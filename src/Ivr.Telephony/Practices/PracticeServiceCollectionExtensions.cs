using Ivr.Data;
using Ivr.Domain.Practices;
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
            return new PracticeDirectory(sp.GetRequiredService<IPracticeStore>(), supervisor, contact => DialString(contact, options));
        });
        services.AddSingleton<IPracticeDirectory>(sp => sp.GetRequiredService<PracticeDirectory>());
        return services;
    }

    /// <summary>A SIP contact is already a dial string; a phone number goes through the trunk template.</summary>
    public static string DialString(ContactMethod contact, PracticesOptions options) =>
        contact.Kind == ContactKind.Phone
            ? options.PhoneDialTemplate.Replace("{number}", new string(contact.Address.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray()), StringComparison.Ordinal)
            : contact.Address;
}
