namespace Ivr.Telephony.Practices;

/// <summary>Where the greetings practices type are rendered for Asterisk (section <c>Prompts</c>).</summary>
public sealed class PromptsOptions
{
    /// <summary>
    /// Asterisk's sounds folder as this service sees it (differs when Asterisk runs in a chroot;
    /// <c>scripts/asterisk env</c> prints it). Greetings go into its <c>ivr/</c> folder, beside the
    /// prompts setup renders. Default <c>/usr/share/asterisk/sounds</c>.
    /// </summary>
    public string SoundsDirectory { get; set; } = "/usr/share/asterisk/sounds";

    /// <summary>The text-to-speech program setup renders the manifest with. Default <c>flite</c>.</summary>
    public string Flite { get; set; } = "flite";

    /// <summary>Converts flite's output to 8 kHz mono 16-bit WAV, which Asterisk plays without transcoding. Default <c>sox</c>.</summary>
    public string Sox { get; set; } = "sox";

    /// <summary>How long one rendering may take before the change is refused. Default 30 seconds.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
