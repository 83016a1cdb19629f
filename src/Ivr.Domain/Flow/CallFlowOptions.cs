namespace Ivr.Domain.Flow;

/// <summary>Timings and limits of every voice script: the patient's call, the clinician's whisper and the voice page.</summary>
public sealed class CallFlowOptions
{
    /// <summary>How long a menu waits for a key after its prompt. Default 6 s.</summary>
    public TimeSpan MenuTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How many times a menu is offered before the caller goes on to leave a message. Default 3.</summary>
    public int MenuAttempts { get; set; } = 3;

    /// <summary>Longest name recording. Default 10 s.</summary>
    public TimeSpan NameMaxDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Seconds of silence that end the name recording. Default 3.</summary>
    public int NameSilenceSeconds { get; set; } = 3;

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

    /// <summary>How long the clinician's whisper and the voice page wait for a key after their prompt. Default 6 s.</summary>
    public TimeSpan ClinicianKeyTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How many times the whisper's menu (1 join, 2 decline) is offered before the leg counts as unanswered. Default 2.</summary>
    public int WhisperAttempts { get; set; } = 2;

    /// <summary>How many times a voice page offers "press 1 to hear it" before hanging up. Default 2.</summary>
    public int PageOfferAttempts { get; set; } = 2;

    /// <summary>How many times the voice page's menu (1 acknowledge, 2 call back, 3 repeat) is offered after each playing. Default 2.</summary>
    public int PageMenuAttempts { get; set; } = 2;

    /// <summary>How many times a voice page plays the message (the first time and each repeat on 3). Default 3.</summary>
    public int PagePlays { get; set; } = 3;
}
