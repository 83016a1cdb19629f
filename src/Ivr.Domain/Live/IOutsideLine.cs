namespace Ivr.Domain.Live;

/// <summary>
/// The service's line to the public phone network (a carrier trunk) as telephony sees it, for whoever shows it (the
/// portal's live view).
/// </summary>
public interface IOutsideLine
{
    /// <summary>How the line stands now; null when the service has no outside line configured.</summary>
    OutsideLineStatus? Status { get; }

    /// <summary>Completes at the next change after it was read; read it again for the one after.</summary>
    Task Changed { get; }
}

/// <summary>An outside line's state.</summary>
/// <param name="Up">True while calls to phone numbers can leave through it.</param>
/// <param name="Description">In a few words, e.g. "refused by the carrier (username or password?)".</param>
/// <param name="Since">When it came to stand so.</param>
public sealed record OutsideLineStatus(bool Up, string Description, DateTimeOffset Since);
