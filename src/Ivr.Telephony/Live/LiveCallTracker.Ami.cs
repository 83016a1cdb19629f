using Ivr.Domain.Live;
using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Flow;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Live;

/// <summary>Asterisk's side: channels appear, change state, join the room and hang up.</summary>
public sealed partial class LiveCallTracker
{
    /// <summary>The AMI events <see cref="Apply"/> reads; subscribe to these only.</summary>
    public static IReadOnlySet<string> AmiEvents { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Newchannel", "Newstate", "Hangup", "ConfbridgeJoin", "ConfbridgeLeave",
    };

    /// <summary>Takes one AMI event; events of channels that belong to no patient call are ignored.</summary>
    public void Apply(AmiMessage message)
    {
        if (message.Kind != AmiMessageKind.Event || message["Uniqueid"] is not { Length: > 0 } uniqueId)
        {
            return;
        }

        lock (_lock)
        {
            _sequence++;
            var changed = message.Name.ToLowerInvariant() switch
            {
                "newchannel" => Open(uniqueId, message, inConference: false),
                "newstate" => Update(uniqueId, message),
                "hangup" => HangUp(uniqueId),
                "confbridgejoin" => Conference(uniqueId, true),
                "confbridgeleave" => Conference(uniqueId, false),
                _ => false,
            };
            if (changed)
            {
                Publish();
            }
        }
    }

    /// <summary>The AMI connection to <paramref name="server"/> (its name; empty for a single server) dropped: what is shown may be stale until its channels are rebuilt.</summary>
    public void AmiDisconnected(string server = "")
    {
        lock (_lock)
        {
            _servers[server] = false;
            Publish();
        }
    }

    /// <summary>The sequence to pass to <see cref="Resynchronise"/>; take it before asking Asterisk for its channels.</summary>
    public long Mark()
    {
        lock (_lock)
        {
            return _sequence;
        }
    }

    /// <summary>
    /// Rebuilds the channels from a <c>CoreShowChannels</c> list asked for after <paramref name="mark"/>:
    /// every channel and call not in it goes (Asterisk restarted, or a hangup was missed while the
    /// connection was down), unless an event since the mark said otherwise. With several servers, the list is
    /// <paramref name="server"/>'s and only calls it carries (<paramref name="carries"/>, given a call's uniqueid) may go.
    /// </summary>
    public void Resynchronise(long mark, IEnumerable<AmiMessage> coreShowChannels, string server = "", Func<string, bool>? carries = null)
    {
        carries ??= _ => true;
        var present = coreShowChannels
            .Where(e => e.IsEvent("CoreShowChannel") && e["Uniqueid"] is { Length: > 0 })
            .GroupBy(e => e["Uniqueid"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        lock (_lock)
        {
            _sequence++;
            foreach (var channel in _channels.Values.Where(c => c.Touched <= mark && !present.ContainsKey(c.UniqueId) && carries(c.Root)).ToArray())
            {
                _channels.Remove(channel.UniqueId);
            }

            foreach (var call in _calls.Values.Where(c => c.Touched <= mark && !present.ContainsKey(c.Id) && carries(c.Id)).ToArray())
            {
                RemoveCall(call.Id);
            }

            // Patients first, so their legs find the call to join.
            foreach (var (uniqueId, item) in present.OrderBy(p => Place(p.Key, p.Value["Linkedid"]).Role == "patient" ? 0 : 1))
            {
                var inConference = string.Equals(item["Application"], "ConfBridge", StringComparison.OrdinalIgnoreCase);
                if (_channels.TryGetValue(uniqueId, out var known))
                {
                    if (known.Touched <= mark)
                    {
                        known.State = item["ChannelStateDesc"] ?? known.State;
                        known.InConference = inConference;
                    }
                }
                else if (!(_hungUp.TryGetValue(uniqueId, out var at) && at > mark))
                {
                    Open(uniqueId, item, inConference, Duration(item));
                }
            }

            foreach (var old in _hungUp.Where(h => h.Value <= mark).Select(h => h.Key).ToArray())
            {
                _hungUp.Remove(old);
            }

            _servers[server] = true;
            Publish();
        }
    }

    private bool Open(string uniqueId, AmiMessage item, bool inConference, TimeSpan age = default)
    {
        var (root, role, attempt) = Place(uniqueId, item["Linkedid"]);
        if (role is null || _hungUp.ContainsKey(uniqueId))
        {
            return false;
        }

        if (!_calls.TryGetValue(root, out var call))
        {
            if (role != "patient")
            {
                return false;
            }

            call = new Call(root, time.GetUtcNow() - age, _sequence);
            _calls.Add(root, call);
        }

        if (role == "patient")
        {
            call.Touched = _sequence;
            call.Caller ??= CallerNumber.ForDisplay(item["CallerIDNum"]);
        }

        if (!_channels.TryGetValue(uniqueId, out var channel))
        {
            channel = new Channel(uniqueId, root, role, attempt);
            _channels.Add(uniqueId, channel);
        }

        channel.Name = item["Channel"] ?? channel.Name;
        channel.State = item["ChannelStateDesc"] ?? channel.State;
        channel.InConference |= inConference;
        channel.Touched = _sequence;
        return true;
    }

    private bool Update(string uniqueId, AmiMessage message)
    {
        if (!_channels.TryGetValue(uniqueId, out var channel))
        {
            return false;
        }

        channel.Touched = _sequence;
        var state = message["ChannelStateDesc"] ?? channel.State;
        if (state == channel.State)
        {
            return false;
        }

        channel.State = state;
        return true;
    }

    private bool HangUp(string uniqueId)
    {
        RememberHangup(uniqueId);
        if (_calls.ContainsKey(uniqueId))
        {
            RemoveCall(uniqueId);
            return true;
        }

        return _channels.Remove(uniqueId);
    }

    private bool Conference(string uniqueId, bool joined)
    {
        if (!_channels.TryGetValue(uniqueId, out var channel) || channel.InConference == joined)
        {
            return false;
        }

        channel.Touched = _sequence;
        channel.InConference = joined;
        return true;
    }

    /// <summary>
    /// Which call a channel belongs to. A clinician's leg says so in its ChannelId; a channel Asterisk
    /// made for a call (the office line) carries the call's uniqueid as its Linkedid; a channel that is
    /// its own Linkedid is a patient's, unless the service originated it for something else (a page).
    /// </summary>
    private static (string Root, string? Role, int? Attempt) Place(string uniqueId, string? linkedId)
    {
        if (OriginatedChannels.TryParseLeg(uniqueId, out var room, out var attempt) && room.StartsWith(CallFlow.RoomPrefix, StringComparison.Ordinal))
        {
            return (room[CallFlow.RoomPrefix.Length..], "physician", attempt);
        }

        if (!string.IsNullOrEmpty(linkedId) && linkedId != uniqueId)
        {
            return (linkedId, "other", null);
        }

        // A server named ivr-a1 begins its own uniqueids with "ivr-" too: those are patients'.
        return (uniqueId.StartsWith(CallFlow.RoomPrefix, StringComparison.Ordinal) && !OriginatedChannels.IsAsterisks(uniqueId))
            || uniqueId.StartsWith(OriginatedChannels.PagePrefix, StringComparison.Ordinal)
            ? (uniqueId, null, null)
            : (uniqueId, "patient", null);
    }

    /// <summary>How long a listed channel has been up (<c>Duration: HH:MM:SS</c>).</summary>
    private static TimeSpan Duration(AmiMessage item) =>
        TimeSpan.TryParseExact(item["Duration"], @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var duration) ? duration : TimeSpan.Zero;
}
