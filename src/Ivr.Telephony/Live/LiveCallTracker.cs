using Ivr.Domain.Live;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;

namespace Ivr.Telephony.Live;

/// <summary>
/// The calls in progress, in memory, from two sources that meet on the patient channel's uniqueid:
/// Asterisk's AMI events (channels, their states, the physician legs, the conference room) and the
/// call flow's own progress (practice, IVR state). A call goes when its patient channel hangs up; after
/// an AMI reconnect the channels are rebuilt from <c>CoreShowChannels</c>, so an Asterisk restart
/// leaves no ghosts. Only the masked caller number is kept. Watchers wait on <see cref="Changed"/>.
/// </summary>
public sealed partial class LiveCallTracker(TimeProvider time) : ILiveCalls
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Call> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Channel> _channels = new(StringComparer.Ordinal);

    // Uniqueids already hung up, with the sequence they went at: a late or replayed event must not bring them back.
    private readonly Dictionary<string, long> _hungUp = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;
    private long _version;

    // Each Asterisk server's AMI connection, by name: true once its channels were read since the last drop.
    private readonly Dictionary<string, bool> _servers = new(StringComparer.Ordinal);

    /// <summary>Completes at the next change; take it before <see cref="Snapshot"/> so no change slips between.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    public LiveSnapshot Snapshot()
    {
        lock (_lock)
        {
            var legs = _channels.Values.ToLookup(c => c.Root, StringComparer.Ordinal);
            var calls = _calls.Values
                .OrderBy(c => c.StartedAt)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .Select(call =>
                {
                    var channels = legs[call.Id]
                        .OrderBy(c => c.Role == "patient" ? 0 : c.Role == "physician" ? 1 : 2)
                        .ThenBy(c => c.Attempt)
                        .Select(c => new LiveChannel(c.Name, c.Role, c.Attempt, c.State, c.InConference))
                        .ToArray();
                    return new LiveCall(
                        call.Id,
                        call.Practice?.Id,
                        call.Practice?.Name,
                        call.Practice?.TimeZone,
                        call.StartedAt,
                        call.State,
                        LiveStatus.Describe(call.State, call.FlowEnded, call.SafetyNet, channels),
                        call.Caller,
                        channels);
                })
                .ToArray();
            return new LiveSnapshot(_version, time.GetUtcNow(), _servers.Count > 0 && _servers.Values.All(up => up), calls);
        }
    }

    /// <summary>Call with the lock held, after something a watcher would see changed.</summary>
    private void Publish()
    {
        _version++;
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void RemoveCall(string id)
    {
        _calls.Remove(id);
        foreach (var channel in _channels.Values.Where(c => c.Root == id).ToArray())
        {
            _channels.Remove(channel.UniqueId);
        }
    }

    private void RememberHangup(string uniqueId)
    {
        _hungUp[uniqueId] = _sequence;
        if (_hungUp.Count > 4096)
        {
            foreach (var old in _hungUp.Where(h => h.Value < _sequence - 2048).Select(h => h.Key).ToArray())
            {
                _hungUp.Remove(old);
            }
        }
    }

    private sealed class Call(string id, DateTimeOffset startedAt, long touched)
    {
        public string Id { get; } = id;

        public DateTimeOffset StartedAt { get; set; } = startedAt;

        /// <summary>The sequence of the last thing that said this call exists.</summary>
        public long Touched { get; set; } = touched;

        public PracticeProfile? Practice { get; set; }

        /// <summary>Masked already; never the whole number.</summary>
        public string? Caller { get; set; }

        public CallState? State { get; set; }

        public bool FlowEnded { get; set; }

        public bool SafetyNet { get; set; }
    }

    private sealed class Channel(string uniqueId, string root, string role, int? attempt)
    {
        public string UniqueId { get; } = uniqueId;

        /// <summary>The id of the call it belongs to: the patient channel's uniqueid.</summary>
        public string Root { get; } = root;

        public string Role { get; } = role;

        public int? Attempt { get; } = attempt;

        public string Name { get; set; } = string.Empty;

        public string State { get; set; } = "Down";

        public bool InConference { get; set; }

        /// <summary>The sequence of the last event about this channel.</summary>
        public long Touched { get; set; }
    }
}
