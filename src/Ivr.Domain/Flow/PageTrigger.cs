namespace Ivr.Domain.Flow;

/// <summary>What moves a voice page from one state to the next.</summary>
public enum PageTrigger
{
    Continue,
    Acknowledged,
    Key1,
    Key2,
    Key3,
    NoInput,
    HungUp,
    Failed,
}
