namespace Ivr.Domain.Dispatch;

/// <summary>Where a message's dispatch stands in the database.</summary>
public enum DispatchState
{
    /// <summary>Saved with the message; not yet planned.</summary>
    New,

    /// <summary>Planned: steps are due (a routine message's report, its follow-up, or pages).</summary>
    Active,

    /// <summary>Acknowledged, or a summary whose notice is over (sent, or nowhere to send it): no step will run again.</summary>
    Stopped,
}
