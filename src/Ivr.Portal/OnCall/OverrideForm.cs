namespace Ivr.Portal.OnCall;

/// <summary>The override form as posted: times are the practice's wall time (<c>datetime-local</c>).</summary>
public sealed class OverrideForm
{
    public string? Clinician { get; set; }

    public string? Layer { get; set; }

    public string? From { get; set; }

    public string? Until { get; set; }

    public string? Reason { get; set; }
}
