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

    /// <summary>Audio format. Default <c>wav</c> (8 kHz signed linear).</summary>
    public string Format { get; set; } = "wav";
}
