namespace Ivr.Domain.Live;

/// <summary>The calls in progress as telephony sees them, for whoever shows them (the portal's live view).</summary>
public interface ILiveCalls
{
    /// <summary>Completes at the next change after it was read; read it again for the one after.</summary>
    Task Changed { get; }

    /// <summary>The calls in progress now.</summary>
    LiveSnapshot Snapshot();
}
