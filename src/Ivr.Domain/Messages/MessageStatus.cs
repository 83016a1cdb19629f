namespace Ivr.Domain.Messages;

/// <summary>Where a message stands; only acknowledgement stops escalation.</summary>
public enum MessageStatus
{
    Received,
    Dispatched,
    Delivered,
    Acknowledged,
    Resolved,
}
