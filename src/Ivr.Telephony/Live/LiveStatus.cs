using Ivr.Domain.Live;
using Ivr.Domain.Flow;

namespace Ivr.Telephony.Live;

/// <summary>Where a call stands, in the words an operator reads at a glance.</summary>
public static class LiveStatus
{
    public const string NotInService = "in Asterisk only (no service session)";

    public static string Describe(CallState? state, bool flowEnded, bool safetyNet, IReadOnlyList<LiveChannel> channels)
    {
        if (state is null)
        {
            return NotInService;
        }

        if (flowEnded)
        {
            return safetyNet ? "in the safety net (Asterisk takes the message)" : "finishing";
        }

        return state switch
        {
            CallState.Incoming => "answering",
            CallState.RingingOffice => "ringing the office",
            CallState.Greeting => "greeting",
            CallState.MainMenu => "main menu",
            CallState.SomeoneNowMenu => "someone-now menu",
            CallState.ConnectingPhysician => Physician(channels),
            CallState.NoPhysician => "no physician answered",
            CallState.RecordName => "recording name",
            CallState.CallbackOffer or CallState.CallbackEntry or CallState.CallbackConfirm => "callback number",
            CallState.UrgencyChoice => "urgency choice",
            CallState.RecordMessage => "recording message",
            CallState.ReviewMessage => "reviewing message",
            CallState.SavingMessage => "saving message",
            CallState.MessageSaved => "message saved",
            CallState.CallerHungUp => "caller hung up",
            CallState.Failed => "failed",
            _ => "ending",
        };
    }

    private static string Physician(IReadOnlyList<LiveChannel> channels)
    {
        var leg = channels.Where(c => c.Role == "physician").OrderByDescending(c => c.Attempt).FirstOrDefault();
        return leg switch
        {
            null => "on hold for the physician",
            { InConference: true } => $"in conference with physician {leg.Attempt}",
            { State: "Up" } => $"physician {leg.Attempt} answered (whisper)",
            _ => $"ringing physician {leg.Attempt}",
        };
    }
}
