namespace Ivr.Domain.Desk;

/// <summary>Which callers an operator takes first: urgent ones (a practice's emergency line, or a caller who said it is urgent) go ahead of routine ones.</summary>
public enum DeskPriority
{
    Urgent,
    Routine,
}
