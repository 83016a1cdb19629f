using Ivr.Domain.Ehr;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Data.Fhir;

/// <summary>Registers the FHIR client behind <see cref="IEhrLink"/>, with one HTTP client whose timeout bounds every call.</summary>
public static class EhrServiceCollectionExtensions
{
    /// <summary>How long one FHIR or token request may take before it counts as the EHR being slow (try again later).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    public static IServiceCollection AddEhrLink(this IServiceCollection services)
    {
        services.AddSingleton(_ => new EhrHttpClient(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = RequestTimeout }));
        services.AddSingleton(sp => new SmartTokenSource(sp.GetRequiredService<EhrHttpClient>().Client, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEhrLink>(sp => new FhirEhrLink(
            sp.GetRequiredService<IPracticeStore>(),
            sp.GetRequiredService<EhrHttpClient>().Client,
            sp.GetRequiredService<SmartTokenSource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ITriageRecordStore>()));
        return services;
    }

    /// <summary>The EHR's own HTTP client, so no other registration's HttpClient is taken for it.</summary>
    public sealed record EhrHttpClient(HttpClient Client);
}
