namespace Ivr.Domain.Flow;

/// <summary>What moves a call from one state to the next.</summary>
public enum CallTrigger
{
    Continue,
    OfficeFirst,
    OfficeAnswered,
    Key1,
    Key2,
    NoInput,
    InvalidKey,
    PhysicianLeft,
    ChainExhausted,
    Saved,
    SaveFailed,
    HungUp,
    Failed,
}
