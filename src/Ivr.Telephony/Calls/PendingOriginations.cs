using System.Collections.Concurrent;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The channels this process originated and is still waiting for, by ChannelId (the uniqueid Asterisk
/// gives them). A FastAGI session that claims to be one of them is served only while it is here, so a
/// local process posing as Asterisk gets nothing for a page the service is not making. Each remembers the Asterisk server
/// it was placed on, so what its script does next over AMI (calling the patient into the page's room) goes there too.
/// </summary>
public sealed class PendingOriginations
{
    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="channelId"/>, placed on server <paramref name="server"/> (its name), as awaited until the returned handle is disposed.</summary>
    public IDisposable Expect(string channelId, string server = "")
    {
        _pending[channelId] = server;
        return new Expectation(this, channelId);
    }

    /// <summary>Whether the service originated <paramref name="channelId"/> and still waits for it.</summary>
    public bool IsPending(string channelId) => _pending.ContainsKey(channelId);

    /// <summary>The name of the server <paramref name="channelId"/> was placed on; null when it is not awaited.</summary>
    public string? ServerOf(string channelId) => _pending.TryGetValue(channelId, out var server) ? server : null;

    private sealed class Expectation(PendingOriginations owner, string channelId) : IDisposable
    {
        public void Dispose() => owner._pending.TryRemove(channelId, out _);
    }
}
