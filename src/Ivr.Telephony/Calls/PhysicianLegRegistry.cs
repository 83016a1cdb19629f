using System.Collections.Concurrent;
using Ivr.Domain.Flow;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Ties a clinician's call leg (its own FastAGI session, started by Originate) to the caller it is for,
/// and carries the clinician's answer back to the dialer. Only the room and attempt travel in the AGI
/// URL; the caller's number stays in memory, never in Asterisk's logs.
/// </summary>
public sealed class PhysicianLegRegistry
{
    private readonly ConcurrentDictionary<string, PhysicianLeg> _legs = new(StringComparer.Ordinal);

    public PhysicianLeg Register(DialRequest request, int attempt)
    {
        var leg = new PhysicianLeg(request, attempt);
        _legs[Key(request.Room, attempt)] = leg;
        return leg;
    }

    public PhysicianLeg? Find(string room, int attempt) => _legs.TryGetValue(Key(room, attempt), out var leg) ? leg : null;

    public void Remove(PhysicianLeg leg) => _legs.TryRemove(Key(leg.Request.Room, leg.Attempt), out _);

    private static string Key(string room, int attempt) => $"{room}#{attempt}";
}

/// <summary>One attempt to reach a clinician, and their decision.</summary>
public sealed class PhysicianLeg(DialRequest request, int attempt) : IWhisperLeg
{
    private readonly TaskCompletionSource<string> _decision = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DialRequest Request { get; } = request;

    public int Attempt { get; } = attempt;

    /// <summary><c>accepted</c>, <c>declined</c>, <c>no-response</c> (e.g. voicemail answered) or <c>hung-up</c>.</summary>
    public Task<string> Decision => _decision.Task;

    public void Decide(string decision) => _decision.TrySetResult(decision);
}
