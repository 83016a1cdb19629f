using Ivr.Domain.Flow;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Tests.Support;

/// <summary>The patient's FastAGI handler over a temporary service's parts, logging to a test's logger.</summary>
internal static class InboundHandlers
{
    /// <summary>The handler; <paramref name="progress"/>, when given, hears the calls instead of the service's live view.</summary>
    public static InboundCallHandler For(PortalUnderTest service, ListLogger<InboundCallHandler> logger, ICallProgress? progress = null) => new(
        progress is null ? service.Get<CallDependencies>() : service.Get<CallDependencies>() with { Progress = progress },
        service.Get<IOptions<RecordingOptions>>(),
        service.Get<IOptions<ConferenceOptions>>(),
        service.Get<IRecordingSealer>(),
        service.Get<Ivr.Telephony.Prompts.PromptSounds>(),
        logger);
}
