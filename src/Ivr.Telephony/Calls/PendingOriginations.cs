using System.Collections.Concurrent;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The channels this process originated and is still waiting for, by ChannelId (the uniqueid Asterisk
/// gives them). A FastAGI session that claims to be one of them is served only while it is here, so a
/// local process posing as Asterisk gets nothing for a page the service is not making.
/// </summary>
public sealed class PendingOriginations
{
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="channelId"/> as awaited until the returned handle is disposed.</summary>
    public IDisposable Expect(string channelId)
    {
        _pending[channelId] = 0;
        return new Expectation(this, channelId);
    }

    /// <summary>Whether the service originated <paramref name="channelId"/> and still waits for it.</summary>
    public bool IsPending(string channelId) => _pending.ContainsKey(channelId);

    private sealed class Expectation(PendingOriginations owner, string channelId) : IDisposable
    {
        public void Dispose() => owner._pending.TryRemove(channelId, out _);
    }
}
