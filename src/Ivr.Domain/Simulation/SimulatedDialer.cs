using Ivr.Domain.Calls;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Simulation;

/// <summary>
/// Walks the on-call chain without placing a call: each clinician named in <c>answering</c>
/// accepts; everyone else lets it ring for the full ring time. The caller's conference ends
/// when an accepting clinician "hangs up" or when the room is cleared.
/// </summary>
public sealed class SimulatedDialer(SimulatedClock clock, SimulatedCaller caller, IReadOnlySet<string> answering) : IPhysicianDialer
{
    /// <summary>How long an accepted conversation lasts in the simulation.</summary>
    public static readonly TimeSpan TalkLength = TimeSpan.FromMinutes(2);

    public async Task<OnCallContact?> DialChainAsync(DialRequest request, Func<BridgeLeg, Task> onLeg, CancellationToken cancellationToken)
    {
        for (var i = 0; i < request.Chain.Count; i++)
        {
            var contact = request.Chain[i];
            var started = clock.GetUtcNow();
            if (answering.Contains(contact.ClinicianId))
            {
                clock.Advance(TimeSpan.FromSeconds(8));
                await onLeg(new BridgeLeg(i + 1, contact.ClinicianId, started, clock.GetUtcNow(), "accepted", $"would ring {contact.DialString}; pressed 1")).ConfigureAwait(false);
                clock.Advance(TalkLength);
                caller.EndConference();
                return contact;
            }

            clock.Advance(contact.RingTimeout);
            await onLeg(new BridgeLeg(i + 1, contact.ClinicianId, started, clock.GetUtcNow(), "no-answer", $"would ring {contact.DialString} for {contact.RingTimeout.TotalSeconds:0} s")).ConfigureAwait(false);
        }

        return null;
    }

    public Task ClearRoomAsync(string room, bool callerMayStillBeJoining, CancellationToken cancellationToken)
    {
        caller.EndConference();
        return Task.CompletedTask;
    }
}
