using Ivr.Domain.Outbound;
using Ivr.Telephony.Live;

namespace Ivr.Telephony.Outbound;

/// <summary>The patient calls in progress, as the live view tracks them.</summary>
public sealed class LiveLineLoad(LiveCallTracker live) : ILineLoad
{
    public int InboundCalls => live.Snapshot().Calls.Count;
}
