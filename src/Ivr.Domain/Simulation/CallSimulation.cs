using Ivr.Domain.Calls;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Simulation;

/// <summary>What a simulated call did: its route, what the caller heard and did, the timeline, the legs and the message.</summary>
public sealed record CallSimulation(
    CallRoute Route,
    CallSession Session,
    IReadOnlyList<(DateTimeOffset At, string What)> Transcript,
    IReadOnlyList<CallEvent> Events,
    IReadOnlyList<BridgeLeg> Legs,
    IReadOnlyList<PatientMessage> Messages)
{
    /// <summary>
    /// Runs one call through the same <see cref="CallFlow"/> real calls run, against the real
    /// directory, at a chosen instant, with a scripted caller and a dialer that places no call.
    /// Nothing is written anywhere: records and messages stay in memory.
    /// </summary>
    public static async Task<CallSimulation> RunAsync(
        IPracticeDirectory directory,
        string dialedNumber,
        DateTimeOffset at,
        IEnumerable<string> keys,
        IReadOnlySet<string> answering,
        bool officeAnswers,
        CallFlowOptions options,
        CancellationToken cancellationToken = default)
    {
        var clock = new SimulatedClock(at);
        var calls = new InMemoryCallRecordStore();
        var messages = new InMemoryMessageStore();
        var caller = new SimulatedCaller(clock, keys, officeAnswers);
        var dialer = new SimulatedDialer(clock, caller, answering);
        var route = await directory.RouteAsync(dialedNumber, at, cancellationToken).ConfigureAwait(false);
        const string uniqueId = "simulated.1";
        var callId = await calls.StartAsync(new CallRecord { UniqueId = uniqueId, PracticeId = route.Practice.Id, DialedNumber = dialedNumber, CallerId = "5550000000", StartedAt = at }, cancellationToken).ConfigureAwait(false);
        var session = new CallSession(callId, uniqueId, route.Practice, dialedNumber, "5550000000", route.Coverage);
        var flow = new CallFlow(caller, session, new CallDependencies(calls, messages, directory, dialer, clock, options));
        await flow.RunAsync(cancellationToken).ConfigureAwait(false);
        return new CallSimulation(
            route,
            session,
            [.. caller.Transcript],
            await calls.EventsAsync(callId, cancellationToken).ConfigureAwait(false),
            await calls.LegsAsync(callId, cancellationToken).ConfigureAwait(false),
            await messages.ForCallAsync(callId, cancellationToken).ConfigureAwait(false));
    }
}
