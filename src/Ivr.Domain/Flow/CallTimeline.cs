using Ivr.Domain.Calls;

namespace Ivr.Domain.Flow;

/// <summary>Writes every state and decision of a call to its record, so a practice sees why it went where it went.</summary>
public sealed class CallTimeline(ICallRecordStore store, long callId, TimeProvider time)
{
    public Task StateAsync(CallState state, string why, CancellationToken cancellationToken) =>
        store.AppendEventAsync(callId, new CallEvent(time.GetUtcNow(), "state", state.ToString(), why), cancellationToken);

    public Task DecisionAsync(string name, string why, CancellationToken cancellationToken) =>
        store.AppendEventAsync(callId, new CallEvent(time.GetUtcNow(), "decision", name, why), cancellationToken);

    public Task ErrorAsync(string name, string why, CancellationToken cancellationToken) =>
        store.AppendEventAsync(callId, new CallEvent(time.GetUtcNow(), "error", name, why), cancellationToken);

    public Task LegAsync(BridgeLeg leg) => store.AddLegAsync(callId, leg);
}
