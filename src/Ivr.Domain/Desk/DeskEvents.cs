namespace Ivr.Domain.Desk;

/// <summary>Names of the call events the desk writes that another process reads back (a caller handed to its desk keeps their place).</summary>
public static class DeskEvents
{
    /// <summary>The caller joined a desk's queue (at the event's time).</summary>
    public const string Queued = "desk-queued";

    /// <summary>The waiting caller said the call is urgent.</summary>
    public const string Urgent = "desk-urgent";

    /// <summary>The waiting caller left this desk's queue for another process's, where someone was free.</summary>
    public const string Moved = "desk-moved";
}
