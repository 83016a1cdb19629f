namespace Ivr.Domain.Tests.Support;

/// <summary>One thing a scripted caller does when the flow waits on them.</summary>
public abstract record CallerStep
{
    public sealed record Press(char Pressed) : CallerStep;

    public sealed record Digits(string Value) : CallerStep;

    public sealed record Silence : CallerStep;

    public sealed record Speak(double Seconds) : CallerStep;

    public sealed record SpeakThenHangUp(double Seconds) : CallerStep;

    public sealed record HangUp : CallerStep;

    public static CallerStep Key(char key) => new Press(key);
}
