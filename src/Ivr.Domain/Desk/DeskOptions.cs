namespace Ivr.Domain.Desk;

/// <summary>How the desk treats callers and operators (<c>Desk</c> in configuration).</summary>
public sealed class DeskOptions
{
    /// <summary>How long an operator's phone rings before the call goes to the next operator and they are paused. Default 15 s.</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a waiting caller hears their position and expected wait, at most. Default 30 s.</summary>
    public TimeSpan AnnounceEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this long on hold the caller hears the practice's emergency instruction again. Default 1 minute.</summary>
    public TimeSpan EmergencyReminderAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// While an operator's desk page is open, how long an offered call waits for the page to show its card
    /// before their phone rings anyway (a stalled browser never keeps a caller waiting). Default 250 ms.
    /// </summary>
    public TimeSpan CardWait { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a caller queued behind others has, after the hold prompt, to press 1 for an urgent call. Default 2 s.</summary>
    public TimeSpan UrgentAskTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an operator's call takes on average, until the desk has measured it (for the expected wait). Default 3 minutes.</summary>
    public TimeSpan DefaultHandleTime { get; set; } = TimeSpan.FromMinutes(3);
}
