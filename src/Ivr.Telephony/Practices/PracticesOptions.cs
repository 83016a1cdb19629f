namespace Ivr.Telephony.Practices;

/// <summary>Service-wide settings for practices (section <c>Practices</c>); each practice itself lives in the database.</summary>
public sealed class PracticesOptions
{
    /// <summary>The answering service's supervisor: the last step of every on-call chain, never nobody.</summary>
    public SupervisorOptions Supervisor { get; set; } = new();

    /// <summary>
    /// How a clinician's phone number is dialed when no carrier trunk is configured (<c>Trunk:Endpoint</c>, which
    /// dials E.164 instead): <c>{number}</c> is replaced by the digits. Defaults to <c>PJSIP/{number}@trunk</c>.
    /// </summary>
    public string PhoneDialTemplate { get; set; } = "PJSIP/{number}@trunk";

    /// <summary>
    /// Practice files imported at start when the database has no practice yet; empty (the default)
    /// imports nothing. <c>scripts/run</c> points it at the repository's <c>practices/</c>.
    /// </summary>
    public string SeedDirectory { get; set; } = string.Empty;

    /// <summary>
    /// The prompt manifest practice files are checked against (greeting and name prompts must exist);
    /// defaults to <c>prompts/manifest.txt</c> under the working folder. Where there is none, the check is skipped.
    /// </summary>
    public string PromptManifest { get; set; } = "prompts/manifest.txt";
}

/// <summary>The supervisor's line.</summary>
public sealed class SupervisorOptions
{
    /// <summary>Defaults to <c>supervisor</c>.</summary>
    public string ClinicianId { get; set; } = "supervisor";

    /// <summary>Defaults to <c>Answering service supervisor</c>.</summary>
    public string DisplayName { get; set; } = "Answering service supervisor";

    /// <summary>Asterisk dial string; defaults to the test supervisor phone on 127.0.0.1:5079.</summary>
    public string DialString { get; set; } = "PJSIP/sipp/sip:supervisor@127.0.0.1:5079";

    /// <summary>Defaults to 30 seconds.</summary>
    public int RingTimeoutSeconds { get; set; } = 30;
}
