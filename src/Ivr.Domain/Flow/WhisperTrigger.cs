namespace Ivr.Domain.Flow;

/// <summary>What moves a whisper from one state to the next.</summary>
public enum WhisperTrigger
{
    Continue,
    Key1,
    Key2,
    NoInput,
    HungUp,
    Failed,
}
