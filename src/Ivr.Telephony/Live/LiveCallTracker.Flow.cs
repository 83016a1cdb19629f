using Ivr.Domain.Live;
using Ivr.Domain.Flow;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Live;

/// <summary>The call flow's side: which practice a call is for and which state it is in.</summary>
public sealed partial class LiveCallTracker : ICallProgress
{
    public void Started(CallSession session)
    {
        lock (_lock)
        {
            _sequence++;
            if (_hungUp.ContainsKey(session.UniqueId))
            {
                return;
            }

            if (!_calls.TryGetValue(session.UniqueId, out var call))
            {
                call = new Call(session.UniqueId, time.GetUtcNow(), _sequence);
                _calls.Add(call.Id, call);
            }

            call.Touched = _sequence;
            call.Practice = session.Practice;
            call.Caller = CallerNumber.ForDisplay(session.CallerId) ?? call.Caller;
            call.State = session.State;
            Publish();
        }
    }

    public void Entered(CallSession session, CallState state)
    {
        lock (_lock)
        {
            if (_calls.TryGetValue(session.UniqueId, out var call) && call.State != state)
            {
                call.State = state;
                Publish();
            }
        }
    }

    /// <summary>
    /// The flow is done; the call stays while Asterisk still has the caller (e.g. the safety net takes
    /// a message) and goes with the patient channel's hangup. Without AMI it goes now.
    /// </summary>
    public void Ended(CallSession session)
    {
        lock (_lock)
        {
            if (!_calls.TryGetValue(session.UniqueId, out var call))
            {
                return;
            }

            if (_servers.Values.Any(up => up) && _channels.ContainsKey(call.Id))
            {
                call.FlowEnded = true;
                call.SafetyNet = session.HandToSafetyNet;
            }
            else
            {
                RemoveCall(call.Id);
            }

            Publish();
        }
    }
}
