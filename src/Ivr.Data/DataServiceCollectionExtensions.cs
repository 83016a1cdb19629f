using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Reports;
using Ivr.Domain.Scheduling;
using Ivr.Data.Fhir;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ivr.Data;

/// <summary>Registers the stores on the database <c>Data:Provider</c> names (SQLite or PostgreSQL), the key and the recording vault; migrations run at start.</summary>
public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddIvrData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Data").Get<DataOptions>() ?? new DataOptions();
        services.AddSingleton(options);
        services.AddSingleton(Database.For(options));
        services.AddSingleton(_ => PhiProtector.FromOptions(options));
        services.AddSingleton<RecordingVault>();
        services.AddSingleton<PhiKeyRotation>();
        services.AddSingleton<ICallRecordStore, SqliteCallRecordStore>();
        services.AddSingleton<IMessageStore, SqliteMessageStore>();
        services.AddSingleton(_ => AuditChainKey.FromOptions(options));
        services.AddSingleton<SqliteAuditLog>();
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<IAuditTrail>(provider => provider.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton<IDispatchStore, SqliteDispatchStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<Ivr.Domain.Desk.IOperatorStore, SqliteOperatorStore>();
        services.AddSingleton<Ivr.Domain.Desk.IDeskPresenceStore, SqliteDeskPresenceStore>();
        services.AddSingleton<Ivr.Domain.Desk.IDeskQueueStore, SqliteDeskQueueStore>();
        services.AddSingleton<Ivr.Domain.Desk.IDeskLog, SqliteDeskLog>();
        services.AddSingleton<Ivr.Domain.Desk.IDeskReportStore, SqliteDeskReportStore>();
        services.AddSingleton(configuration.GetSection("Phones").Get<PhoneEndpointOptions>() ?? new PhoneEndpointOptions());
        services.AddSingleton<Ivr.Domain.Desk.IPhoneEndpointStore, SqlitePhoneEndpointStore>();
        services.AddSingleton<ISessionStore, SqliteSessionStore>();
        services.AddSingleton<ISecondFactorStore, SqliteSecondFactorStore>();
        services.AddSingleton<ICalendarFeedStore, SqliteCalendarFeedStore>();
        services.AddSingleton<IReportStore, SqliteReportStore>();
        services.AddSingleton<IWebhookSecretStore, SqliteWebhookSecretStore>();
        services.AddSingleton<Ivr.Domain.Prompts.IPromptPinStore, SqlitePromptPinStore>();
        services.AddSingleton<Ivr.Domain.Triage.IProtocolStore, SqliteProtocolStore>();
        services.AddSingleton<Ivr.Domain.Triage.ITriageRecordStore, SqliteTriageRecordStore>();
        services.AddSingleton<Ivr.Domain.Triage.ITriageReportStore, SqliteTriageReportStore>();
        services.AddSingleton<Ivr.Domain.Outbound.ICampaignStore, SqliteCampaignStore>();
        services.AddSingleton<PromptRecordingChanges>();
        services.AddSingleton<SqlitePromptRecordingStore>();
        services.AddSingleton<Ivr.Domain.Prompts.IPromptRecordingStore>(provider => provider.GetRequiredService<SqlitePromptRecordingStore>());
        services.AddSingleton<Ivr.Domain.Ehr.IEhrHandoffStore, SqliteEhrHandoffStore>();
        if (options.Provider == DataProvider.Postgres)
        {
            // Every process keeps time by the shared database's clock (leases, steps, records); see DatabaseClock.
            var clock = new DatabaseClock(TimeProvider.System);
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
            services.AddHostedService(provider => new DatabaseClockService(
                clock, provider.GetRequiredService<Database>(), TimeProvider.System, provider.GetService<Microsoft.Extensions.Logging.ILogger<DatabaseClockService>>()));
            services.AddSingleton<IDispatchWakeup>(provider => new PostgresDispatchWakeup(
                options, provider.GetService<TimeProvider>() ?? TimeProvider.System, provider.GetService<Microsoft.Extensions.Logging.ILogger<PostgresDispatchWakeup>>()));
        }

        services.AddEhrLink();
        services.AddHostedService<MigrationService>();
        return services;
    }
}
