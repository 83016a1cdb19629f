namespace Ivr.Domain.Flow;

/// <summary>The caller hung up; the flow saves what it has and ends.</summary>
public sealed class CallerHungUpException : OperationCanceledException
{
    public CallerHungUpException(Exception? inner = null)
        : base("The caller hung up.", inner)
    {
    }
}
