using Ivr.Domain.Calls;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Support;

/// <summary>
/// Plays the on-call chain: each contact answers as the test says (accept, decline, no answer).
/// An answer of <c>throws</c> stands for a dialer that fails; <c>rings</c> for a phone that rings until the
/// call is cancelled (no stopwatch decides whether the caller's hang-up comes first). An accepting clinician "talks" briefly and then leaves, which ends the caller's conference.
/// </summary>
public sealed class FakeDialer(ScriptedCallerHolder caller, params string[] answers) : IPhysicianDialer
{
    public bool Cancelled { get; private set; }

    public bool CallerRemoved { get; private set; }

    public async Task<OnCallContact?> DialChainAsync(DialRequest request, Func<BridgeLeg, Task> onLeg, CancellationToken cancellationToken)
    {
        var at = new DateTimeOffset(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
        for (var i = 0; i < request.Chain.Count; i++)
        {
            var contact = request.Chain[i];
            var answer = i < answers.Length ? answers[i] : "no-answer";
            try
            {
                await Task.Delay(answer == "rings" ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(20), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                await onLeg(new BridgeLeg(i + 1, contact.ClinicianId, at, at, "cancelled", "caller left"));
                throw;
            }

            if (answer == "throws")
            {
                throw new IOException("the dialer broke");
            }

            await onLeg(new BridgeLeg(i + 1, contact.ClinicianId, at, at.AddSeconds(10), answer, "scripted"));
            if (answer == "accepted")
            {
                _ = Task.Delay(50, CancellationToken.None).ContinueWith(_ => caller.Caller!.EndConference(), TaskScheduler.Default);
                return contact;
            }
        }

        return null;
    }

    public Task ClearRoomAsync(string room, bool callerMayStillBeJoining, CancellationToken cancellationToken)
    {
        CallerRemoved = callerMayStillBeJoining;
        caller.Caller!.EndConference();
        return Task.CompletedTask;
    }
}

/// <summary>Lets the dialer reach the caller created after it.</summary>
public sealed class ScriptedCallerHolder
{
    public ScriptedCaller? Caller { get; set; }
}
