namespace Ivr.Telephony.Calls;

/// <summary>Where Asterisk writes recordings and where the service finds them.</summary>
public sealed class RecordingOptions
{
    /// <summary>The folder as Asterisk sees it. Default <c>/var/spool/asterisk/recording/ivr</c>.</summary>
    public string AsteriskDirectory { get; set; } = "/var/spool/asterisk/recording/ivr";

    /// <summary>
    /// The same folder as this service sees it (differs when Asterisk runs in a chroot; scripts/asterisk env
    /// prints it). Default: the Asterisk path.
    /// </summary>
    public string HostDirectory { get; set; } = "/var/spool/asterisk/recording/ivr";

    /// <summary>
    /// Where the plain copies a voice page plays are written, as Asterisk sees the folder: a memory file
    /// system, so decrypted audio never reaches a disk (owner-only, deleted after the page). Default
    /// <c>/dev/shm/ivr-playback</c>.
    /// </summary>
    public string PlaybackDirectory { get; set; } = "/dev/shm/ivr-playback";

    /// <summary>
    /// The same folder as this service sees it. Default: derived like <see cref="HostDirectory"/> (Asterisk's
    /// root in front of <see cref="PlaybackDirectory"/> when Asterisk runs in a chroot).
    /// </summary>
    public string? PlaybackHostDirectory { get; set; }

    /// <summary>Audio format. Default <c>wav</c> (8 kHz signed linear).</summary>
    public string Format { get; set; } = "wav";

    /// <summary>
    /// The 16-character key with which Asterisk's safety net seals the caller's number in its note
    /// (dialplan/extensions.conf's IVR_NOTE_KEY; scripts/asterisk env prints it). Default none: the
    /// number of a sealed note is not read, and the message is imported without it.
    /// </summary>
    public string? SafetyNetKey { get; set; }
}
