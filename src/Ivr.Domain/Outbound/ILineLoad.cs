namespace Ivr.Domain.Outbound;

/// <summary>How busy the lines are right now: the patient calls coming in, which always come before campaign calls.</summary>
public interface ILineLoad
{
    int InboundCalls { get; }
}
