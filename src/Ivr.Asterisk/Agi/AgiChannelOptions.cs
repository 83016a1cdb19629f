namespace Ivr.Asterisk.Agi;

/// <summary>Limits for one FastAGI session.</summary>
public sealed class AgiChannelOptions
{
    /// <summary>How long a command that plays or waits for nothing (SET VARIABLE, ANSWER, …) may take. Default 10 s.</summary>
    public TimeSpan ControlCommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a media command answers <c>result=-1</c>, how long to wait for the <c>HANGUP</c> notice
    /// that tells a hangup from a failure (a missing file also gives -1). Default 500 ms.
    /// </summary>
    public TimeSpan HangupGrace { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest reply line accepted. Default 64 KiB (GET FULL VARIABLE can be long).</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Where the write-to-reply time of commands that do no signalling or media (GET/SET VARIABLE, VERBOSE,
    /// NOOP: the protocol's own cost) is counted; shared by every channel of a server. Default: a new recorder.
    /// </summary>
    public LatencyRecorder ImmediateCommandLatency { get; set; } = new();

    /// <summary>The clock of the channel's waits: a command's reply deadline and the grace for a hangup notice. Default the system's; tests drive a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
