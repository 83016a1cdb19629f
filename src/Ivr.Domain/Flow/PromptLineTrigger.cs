namespace Ivr.Domain.Flow;

/// <summary>What moves a call to the prompt-recording line from one state to the next.</summary>
public enum PromptLineTrigger
{
    Continue,
    PinAccepted,
    PinRefused,
    LineClosed,
    KnownPrompt,
    UnknownPrompt,
    Recorded,
    Unusable,
    Key1,
    Key2,
    Key3,
    KeyStar,
    NoInput,
    HungUp,
    Failed,
}
