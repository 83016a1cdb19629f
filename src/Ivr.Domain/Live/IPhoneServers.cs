namespace Ivr.Domain.Live;

/// <summary>
/// The phone servers the service works through (each carries calls of its own), as telephony sees them, for whoever
/// shows them (the portal's live view).
/// </summary>
public interface IPhoneServers
{
    /// <summary>Each server's state, the service's own first; empty when there is only one (the live view's status line covers it).</summary>
    IReadOnlyList<PhoneServerStatus> Servers { get; }

    /// <summary>Completes at the next change after it was read; read it again for the one after.</summary>
    Task Changed { get; }
}

/// <summary>A phone server's state.</summary>
/// <param name="Name">The server's name, e.g. <c>ivr-a1</c>.</param>
/// <param name="Up">True while the service is connected to it.</param>
/// <param name="Description">In a few words, e.g. "connected" or "not reachable".</param>
/// <param name="Since">When it came to stand so.</param>
public sealed record PhoneServerStatus(string Name, bool Up, string Description, DateTimeOffset Since);
