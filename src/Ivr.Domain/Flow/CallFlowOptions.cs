namespace Ivr.Domain.Flow;

/// <summary>Timings and limits of the call flow.</summary>
public sealed class CallFlowOptions
{
    /// <summary>How long a menu waits for a key after its prompt. Default 6 s.</summary>
    public TimeSpan MenuTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How many times a menu is offered before the caller goes on to leave a message. Default 3.</summary>
    public int MenuAttempts { get; set; } = 3;

    /// <summary>Longest name recording. Default 10 s.</summary>
    public TimeSpan NameMaxDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest message. Default 3 minutes.</summary>
    public TimeSpan MessageMaxDuration { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Seconds of silence that end a recording. Default 5.</summary>
    public int SilenceSeconds { get; set; } = 5;

    /// <summary>How long callback digit entry waits. Default 10 s.</summary>
    public TimeSpan DigitsTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Fewest digits accepted as a callback number. Default 7.</summary>
    public int MinCallbackDigits { get; set; } = 7;

    /// <summary>Most digits accepted as a callback number. Default 15 (E.164).</summary>
    public int MaxCallbackDigits { get; set; } = 15;
}
