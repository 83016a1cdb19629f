using Ivr.Domain.Triage;

namespace Ivr.Domain.Tests.Triage;

/// <summary>Small protocols built in code for the engine's tests.</summary>
internal static class TestProtocols
{
    public static TriageProtocol Fever(string version = "1") => new()
    {
        Id = "fever-child",
        Version = version,
        Title = "Fever in a child",
        Audience = ProtocolAudience.Pediatric,
        SearchWords = ["temperature", "hot"],
        Questions =
        [
            new("not-breathing", "Is the child struggling to breathe or turning blue?", Disposition.Call911Now, "Hang up and call 911 now."),
            new("under-3-months", "Is the child under 3 months old with a temperature of 100.4 F or more?", Disposition.EmergencyDepartmentNow, "Go to the emergency department now."),
            new("stiff-neck", "Does the child have a stiff neck?", Disposition.SeeClinicianNow, "See a clinician now."),
            new("over-3-days", "Has the fever lasted more than 3 days?", Disposition.Within24Hours, "Book a visit within 24 hours."),
        ],
        DefaultDisposition = Disposition.HomeCare,
        HomeCareAdvice = "Give fluids; a fever reducer by weight; call back if worse.",
        IsExample = true,
    };

    public static TriageProtocol Rash() => new()
    {
        Id = "rash-after-immunization",
        Version = "1",
        Title = "Rash after an immunization",
        Audience = ProtocolAudience.Pediatric,
        SearchWords = ["vaccine", "shot", "spots"],
        Questions =
        [
            new("hives-swelling", "Is there swelling of the face or lips?", Disposition.Call911Now),
            new("purple-spots", "Are there purple spots that do not fade when pressed?", Disposition.SeeToday, "See a clinician today."),
        ],
        DefaultDisposition = Disposition.HomeCare,
        HomeCareAdvice = "A mild rash after a vaccine is common and fades.",
    };
}
