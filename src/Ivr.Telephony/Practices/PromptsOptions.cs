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

    /// <summary>
    /// Festival's <c>text2wave</c>, which speaks in the default voice (docs/voice.md says why it was chosen); empty
    /// switches festival off, and a machine without it speaks with <see cref="Flite"/>. Default <c>text2wave</c>.
    /// </summary>
    public string Festival { get; set; } = "text2wave";

    /// <summary>The festival voice, as <c>(voice_NAME)</c> selects it. Default <c>cmu_us_slt_arctic_hts</c> (Debian's festvox-us-slt-hts).</summary>
    public string FestivalVoice { get; set; } = "cmu_us_slt_arctic_hts";

    /// <summary>The fallback text-to-speech program, used where festival is missing or fails. Default <c>flite</c>.</summary>
    public string Flite { get; set; } = "flite";

    /// <summary>flite's voice (<c>flite -lv</c> lists them): the same speaker as the festival voice. Default <c>slt</c>.</summary>
    public string FliteVoice { get; set; } = "slt";

    /// <summary>Converts the speech to 8 kHz mono 16-bit WAV, which Asterisk plays without transcoding. Default <c>sox</c>.</summary>
    public string Sox { get; set; } = "sox";

    /// <summary>How long one rendering may take before the change is refused. Default 30 seconds.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
