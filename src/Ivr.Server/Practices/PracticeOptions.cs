namespace Ivr.Server.Practices;

/// <summary>
/// The one practice served until practices live in the database (the schedules issue): its profile,
/// numbers, and on-call chain from configuration.
/// </summary>
public sealed class PracticeOptions
{
    public string Id { get; set; } = "riverside-pediatrics";

    public string Name { get; set; } = "Riverside Pediatrics";

    public string GreetingPromptId { get; set; } = "greeting-riverside-pediatrics";

    /// <summary>The practice's published numbers (DIDs); empty answers every number.</summary>
    public IList<string> Numbers { get; set; } = [];

    public string EmergencyFallbackDial { get; set; } = "PJSIP/sipp/sip:fallback@127.0.0.1:5090";

    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>Who is on call, in order. The supervisor is appended last, always.</summary>
    public IList<OnCallContactOptions> OnCall { get; set; } = [];

    /// <summary>The answering service's supervisor: the last step of every chain, never nobody.</summary>
    public OnCallContactOptions Supervisor { get; set; } = new() { ClinicianId = "supervisor", DisplayName = "Supervisor", DialString = "PJSIP/sipp/sip:supervisor@127.0.0.1:5079" };
}

/// <summary>One contact of the configured chain.</summary>
public sealed class OnCallContactOptions
{
    public string ClinicianId { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string DialString { get; set; } = string.Empty;

    public int RingTimeoutSeconds { get; set; } = 20;
}
