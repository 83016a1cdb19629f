using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Telephony.Calls;

/// <summary>Registers the call flow's parts and maps the AGI scripts the dialplan calls to their handlers.</summary>
public static class CallHandlingServiceCollectionExtensions
{
    public static IServiceCollection AddCallHandling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallFlowOptions>().Bind(configuration.GetSection("CallFlow")).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection("Recordings"));
        services.AddOptions<ConferenceOptions>().Bind(configuration.GetSection("Conference"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddPractices(configuration);
        services.AddSingleton<PhysicianLegRegistry>();
        services.AddSingleton<IPhysicianDialer, AmiPhysicianDialer>();
        services.AddSingleton(sp => new CallDependencies(
            sp.GetRequiredService<Ivr.Domain.Calls.ICallRecordStore>(),
            sp.GetRequiredService<Ivr.Domain.Messages.IMessageStore>(),
            sp.GetRequiredService<IPracticeDirectory>(),
            sp.GetRequiredService<IPhysicianDialer>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CallFlowOptions>>().Value)
        {
            Progress = sp.GetRequiredService<ICallProgress>(),
            RenderedPrompts = sp.GetRequiredService<IRenderedPrompts>(),
            Desk = sp.GetRequiredService<Ivr.Domain.Desk.IOperatorDesk>(),
            DeskOptions = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Ivr.Domain.Desk.DeskOptions>>().Value,

            // The EHR link when one is registered; otherwise a caller's request is kept for the office.
            Ehr = sp.GetService<Ivr.Domain.Ehr.IEhrLink>() ?? Ivr.Domain.Ehr.NoEhrLink.Instance,
        });
        services.AddSingleton<RecordingSealer>();
        services.AddSingleton<IRecordingSealer>(sp => sp.GetRequiredService<RecordingSealer>());
        services.AddHostedService<LeftoverRecordingsService>();
        services.AddHostedService<OfficeInformationRenderService>();
        services.AddSingleton<InboundCallHandler>();
        services.AddSingleton<PhysicianLegHandler>();
        services.AddSingleton<PendingOriginations>();
        services.AddSingleton<AgiScriptUrl>();
        services.AddSingleton<AgiSessionGuard>();
        services.AddSingleton<Prompts.PromptLineHandler>();
        services.AddSingleton(sp =>
        {
            var guard = sp.GetRequiredService<AgiSessionGuard>();
            return new AgiRouter()
                .Map("inbound", guard.Guard("inbound", sp.GetRequiredService<InboundCallHandler>().HandleAsync))
                .Map(InboundCallHandler.DeskScript, guard.Guard(InboundCallHandler.DeskScript, sp.GetRequiredService<InboundCallHandler>().HandleHandedInAsync))
                .Map("physician", guard.Guard("physician", sp.GetRequiredService<PhysicianLegHandler>().HandleAsync))
                .Map("page", guard.Guard("page", sp.GetRequiredService<Dispatch.VoicePageHandler>().HandleAsync))
                .Map(Outbound.OutboundCallHandler.Script, guard.Guard(Outbound.OutboundCallHandler.Script, sp.GetRequiredService<Outbound.OutboundCallHandler>().HandleAsync))
                .Map(Desk.DeskService.OperatorScript, guard.Guard(Desk.DeskService.OperatorScript, sp.GetRequiredService<Desk.OperatorLegHandler>().HandleAsync))
                // Resolved per call: the line needs the recorded prompts' audio, which a host may not offer.
                .Map(Prompts.PromptLineHandler.Script, guard.Guard(Prompts.PromptLineHandler.Script, (channel, ct) => sp.GetRequiredService<Prompts.PromptLineHandler>().HandleAsync(channel, ct)));
        });
        return services;
    }
}
