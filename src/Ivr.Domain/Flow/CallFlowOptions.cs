using Ivr.Domain.Messages;

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
    public int MinCallbackDigits { get; set; } = CallbackNumbers.MinDigits;

    /// <summary>Most digits accepted as a callback number. Default 15 (E.164).</summary>
    public int MaxCallbackDigits { get; set; } = CallbackNumbers.MaxDigits;

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

    /// <summary>How long a caller waits on the EHR for free times or a booking before the office is asked to call instead. Default 4 s.</summary>
    public TimeSpan EhrTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How many days ahead free times are looked for when a caller books. Default 14.</summary>
    public int AppointmentDaysAhead { get; set; } = 14;

    /// <summary>
    /// Refuses settings no call could run with (ArgumentException naming the setting): a timeout or a
    /// recording length that is not positive, a menu offered no time, a callback range upside down. The
    /// host checks this at start, so a bad <c>CallFlow</c> section stops the service before any call.
    /// </summary>
    public void Validate()
    {
        Positive(MenuTimeout, nameof(MenuTimeout));
        Positive(NameMaxDuration, nameof(NameMaxDuration));
        Positive(MessageMaxDuration, nameof(MessageMaxDuration));
        Positive(DigitsTimeout, nameof(DigitsTimeout));
        Positive(ClinicianKeyTimeout, nameof(ClinicianKeyTimeout));
        Positive(EhrTimeout, nameof(EhrTimeout));
        AtLeast(AppointmentDaysAhead, 1, nameof(AppointmentDaysAhead));
        AtLeast(MenuAttempts, 1, nameof(MenuAttempts));
        AtLeast(WhisperAttempts, 1, nameof(WhisperAttempts));
        AtLeast(PageOfferAttempts, 1, nameof(PageOfferAttempts));
        AtLeast(PageMenuAttempts, 1, nameof(PageMenuAttempts));
        AtLeast(PagePlays, 1, nameof(PagePlays));
        AtLeast(NameSilenceSeconds, 1, nameof(NameSilenceSeconds));
        AtLeast(SilenceSeconds, 1, nameof(SilenceSeconds));
        AtLeast(MinCallbackDigits, 1, nameof(MinCallbackDigits));
        if (MaxCallbackDigits < MinCallbackDigits || MaxCallbackDigits > 20)
        {
            throw new ArgumentException($"CallFlow:MaxCallbackDigits ({MaxCallbackDigits}) must be from CallFlow:MinCallbackDigits ({MinCallbackDigits}) to 20.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"CallFlow:{name} must be longer than zero, not {value}.");
        }
    }

    private static void AtLeast(int value, int least, string name)
    {
        if (value < least)
        {
            throw new ArgumentException($"CallFlow:{name} must be at least {least}, not {value}.");
        }
    }
}
