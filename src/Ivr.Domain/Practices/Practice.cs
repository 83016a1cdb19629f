using Ivr.Domain.Desk;
using Ivr.Domain.Ehr;
using Ivr.Domain.Scheduling;
using Ivr.Domain.Triage;

namespace Ivr.Domain.Practices;

/// <summary>
/// Everything that decides how a practice's calls are answered: its numbers and zone, when the
/// service covers it, its clinicians and its on-call rotations. Overrides live apart (they change
/// daily); see <see cref="OnCallOverride"/>.
/// </summary>
public sealed record Practice
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Published numbers (DIDs), normalised by <see cref="PhoneNumbers.Normalize"/>.</summary>
    public required IReadOnlyList<string> Numbers { get; init; }

    /// <summary>IANA time zone, e.g. <c>America/New_York</c>.</summary>
    public required string TimeZone { get; init; }

    public CoverageMode Coverage { get; init; } = CoverageMode.AfterHours;

    public WeeklyHours Hours { get; init; } = WeeklyHours.Closed;

    public HolidayCalendar Holidays { get; init; } = HolidayCalendar.None;

    public IReadOnlyList<Closure> Closures { get; init; } = [];

    /// <summary>Rung first in business hours (overflow and after-hours modes); none means the service answers.</summary>
    public OfficeLine? Office { get; init; }

    /// <summary>Prompt played first; defaults to the service's generic greeting.</summary>
    public string GreetingPromptId { get; init; } = "greeting-default";

    /// <summary>
    /// The greeting as the practice typed it, rendered into <see cref="GreetingPromptId"/> when saved;
    /// empty when the greeting is a prompt of the manifest.
    /// </summary>
    public string GreetingText { get; init; } = string.Empty;

    /// <summary>Prompt with the practice's name for the clinician's whisper; defaults to "the answering service".</summary>
    public string NamePromptId { get; init; } = "practice-name-default";

    /// <summary>Where Asterisk's safety net dials when the service is down.</summary>
    public string EmergencyFallbackDial { get; init; } = string.Empty;

    /// <summary>How long each step of the on-call chain rings; defaults to 25 seconds.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>How unacknowledged urgent messages escalate; defaults to <see cref="EscalationPolicy.Default"/>.</summary>
    public EscalationPolicy Escalation { get; init; } = EscalationPolicy.Default;

    /// <summary>Where signed notices of urgent messages and morning reports are posted; empty for none.</summary>
    public string WebhookUrl { get; init; } = string.Empty;

    public IReadOnlyList<Clinician> Clinicians { get; init; } = [];

    public IReadOnlyList<Rotation> Rotations { get; init; } = [];

    /// <summary>
    /// The practice's signed business associate agreement, as recorded; null for none, and then no call of
    /// the practice is answered beyond the emergency instruction (docs/baa.md).
    /// </summary>
    public BusinessAssociateAgreement? Agreement { get; init; }

    /// <summary>The practice's operator desk settings (live-person policy, maximum hold, target, instructions, greeting); defaults for none.</summary>
    public DeskSettings Desk { get; init; } = DeskSettings.Default;

    /// <summary>What each triage disposition does for this practice (rungs it did not name keep their defaults).</summary>
    public TriageSettings Triage { get; init; } = TriageSettings.Default;

    /// <summary>What the practice allows its outbound campaigns (window, caps, retries, calls at once); campaigns may only be tighter.</summary>
    public OutboundSettings Outbound { get; init; } = OutboundSettings.Default;

    /// <summary>The main menu's choices, keys and order; defaults to <see cref="MainMenuSettings.Default"/>.</summary>
    public MainMenuSettings Menu { get; init; } = MainMenuSettings.Default;

    /// <summary>The address, directions, fax and website callers hear as office information; none by default.</summary>
    public OfficeWords OfficeWords { get; init; } = OfficeWords.None;

    /// <summary>The practice's EHR link over FHIR R4; <see cref="EhrSettings.None"/> for none.</summary>
    public EhrSettings Ehr { get; init; } = EhrSettings.None;

    public ZoneClock Clock() => new(TimeZone);

    /// <summary>Where a live-person request goes at <paramref name="instant"/> (<see cref="DeskSettings.Route"/>).</summary>
    public LivePersonRoute LivePersonAt(DateTimeOffset instant, bool anyOperatorSignedIn) => Desk.Route(instant, Clock(), anyOperatorSignedIn);

    /// <summary>Whether the office is open at <paramref name="instant"/>: within its weekly hours, not on a holiday or a closure.</summary>
    public bool OfficeOpenAt(DateTimeOffset instant)
    {
        var local = Clock().Local(instant);
        return Hours.OpenAt(local) is not null && Holidays.On(DateOnly.FromDateTime(local)) is null && !Closures.Any(c => c.Contains(local));
    }

    public Clinician? Clinician(string id) => Clinicians.FirstOrDefault(c => c.Id == id);

    public PracticeProfile ToProfile() => new(Id, Name, GreetingPromptId, EmergencyFallbackDial, TimeZone, NamePromptId) { Desk = Desk, Ehr = Ehr, Menu = Menu, OfficeInformation = Practices.OfficeInformation.Of(this) };
}
