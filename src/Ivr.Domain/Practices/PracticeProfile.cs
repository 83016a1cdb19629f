using Ivr.Domain.Desk;
using Ivr.Domain.Ehr;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Practices;

/// <summary>What a call needs to know about the practice it reached.</summary>
/// <param name="Id">Stable identifier, e.g. <c>riverside-pediatrics</c>.</param>
/// <param name="Name">Name spoken and shown, e.g. "Riverside Pediatrics".</param>
/// <param name="GreetingPromptId">Prompt played first (the practice's greeting).</param>
/// <param name="EmergencyFallbackDial">Where Asterisk's safety net dials when the service is down.</param>
/// <param name="TimeZone">IANA time zone of the practice.</param>
/// <param name="NamePromptId">Prompt with the practice's name, played to the clinician in the whisper.</param>
public sealed record PracticeProfile(string Id, string Name, string GreetingPromptId, string EmergencyFallbackDial, string TimeZone, string NamePromptId = "practice-name-default")
{
    /// <summary>The practice's desk settings (who answers "someone now", the maximum hold); defaults for none.</summary>
    public DeskSettings Desk { get; init; } = DeskSettings.Default;

    /// <summary>The practice's EHR link (a caller's appointment is booked there at <see cref="EhrLevel.Book"/>); none by default.</summary>
    public EhrSettings Ehr { get; init; } = EhrSettings.None;

    /// <summary>The main menu's choices, keys and order; defaults to <see cref="MainMenuSettings.Default"/>.</summary>
    public MainMenuSettings Menu { get; init; } = MainMenuSettings.Default;

    /// <summary>What the office information choice says (hours, holidays, closures, words); null when the practice has none.</summary>
    public OfficeInformation? OfficeInformation { get; init; }

    /// <summary>Where a live-person request goes at <paramref name="instant"/> (<see cref="DeskSettings.Route"/>), on the practice's wall clock.</summary>
    public LivePersonRoute LivePersonAt(DateTimeOffset instant, bool anyOperatorSignedIn) => Desk.Route(instant, new ZoneClock(TimeZone), anyOperatorSignedIn);
}
