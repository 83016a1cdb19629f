namespace Ivr.Domain.Dispatch;

/// <summary>Service-wide dispatch settings (section <c>Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    /// <summary>Whether this process dispatches at all (several processes may share the work; tests of calls alone turn it off). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the database is asked for due steps. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest a step's lease lasts; it also ends when the next step falls due, so a process
    /// killed mid-page never makes the next page late. Default 4 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>How long an answered page may last before it is hung up (message, menu, repeats). Default 5 minutes.</summary>
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When a morning report could not be delivered, how long until it is tried again. Default 5 minutes.</summary>
    public TimeSpan ReportRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after its morning report was due a routine message may stay unacknowledged before it
    /// escalates like an urgent one (the report is due at the practice's opening, so this is "opening
    /// plus an hour"). Default 1 hour.
    /// </summary>
    public TimeSpan RoutineGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The supervisor's email, for urgent notices at the supervisor's steps and for morning reports of practices without an admin email. Default none.</summary>
    public string SupervisorEmail { get; set; } = string.Empty;

    /// <summary>
    /// The wait after an EHR hand-off's first failed try; the later waits keep their proportions (1, 5, 15, 30, then 60
    /// times this). Default 1 minute: 1, 5, 15, 30 minutes, then hourly.
    /// </summary>
    public TimeSpan EhrFirstRetry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many messages one process works on at once. Default 16.</summary>
    public int MaxConcurrent { get; set; } = 16;
}
