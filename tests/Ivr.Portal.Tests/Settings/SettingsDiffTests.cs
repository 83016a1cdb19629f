using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Portal.Settings;

namespace Ivr.Portal.Tests.Settings;

/// <summary>Needs nothing: the history names each changed setting with its before and after, in words.</summary>
public sealed class SettingsDiffTests
{
    private static readonly Practice Before = new()
    {
        Id = "riverside-pediatrics",
        Name = "Riverside Pediatrics",
        TimeZone = "America/New_York",
        Numbers = ["5550100"],
        Hours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [DayOfWeek.Friday] = [new(new TimeOnly(8, 0), new TimeOnly(12, 0)), new(new TimeOnly(13, 0), new TimeOnly(17, 0))],
        }),
        Holidays = new HolidayCalendar([], UsFederalHolidays.PresetName),
    };

    [Fact]
    public void EachChangedSettingReadsAsBeforeAndAfter()
    {
        var after = Before with
        {
            Escalation = new EscalationPolicy(TimeSpan.FromSeconds(120), 4),
            Hours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
            {
                [DayOfWeek.Friday] = [new(new TimeOnly(8, 0), new TimeOnly(17, 0))],
                [DayOfWeek.Saturday] = [new(new TimeOnly(9, 0), OpeningInterval.Midnight)],
            }),
            Holidays = new HolidayCalendar([new Holiday(new DateOnly(2026, 12, 24), "Christmas Eve")], null),
            Coverage = CoverageMode.AlwaysOn,
            GreetingText = "Thank you for calling Riverside.",
            GreetingPromptId = "greeting-riverside-pediatrics-0a1b2c3d",
        };

        var changes = SettingsDiff.Between(Before, after).Select(c => c.Text).ToArray();

        Assert.Equal(
            [
                "Coverage: after-hours → 24/7",
                "Hours Friday: 08:00-12:00, 13:00-17:00 → 08:00-17:00",
                "Hours Saturday: closed → 09:00-24:00",
                "US federal holidays: on → off",
                "Holiday 2026-12-24: — → Christmas Eve",
                "Greeting: prompt greeting-default → “Thank you for calling Riverside.”",
                "Escalation: repeat every 300 s × 3 → repeat every 120 s × 4",
            ],
            changes);
    }

    [Fact]
    public void NothingChangedMeansNoEntriesAndImportedChangesAreListedToo()
    {
        var imported = Before with { Clinicians = [new Clinician("dr-lee", "Dr. Amy Lee", ClinicianRole.Physician, [])], Numbers = ["5550100", "5550101"] };

        Assert.Empty(SettingsDiff.Between(Before, Before with { }));
        Assert.Equal(
            ["Numbers: 5550100 → 5550100, 5550101", "Clinician dr-lee: — → Dr. Amy Lee (physician; no contacts)"],
            SettingsDiff.Between(Before, imported).Select(c => c.Text));
    }

    [Fact]
    public void AnImportThatChangesATriageRungListsItsActions()
    {
        var imported = Before with
        {
            Triage = new TriageSettings { Actions = new Dictionary<Disposition, TriageActions> { [Disposition.Within24Hours] = TriageActions.UrgentMessage | TriageActions.AppointmentRequest } },
        };

        Assert.Equal(
            ["Triage within-24-hours: appointment-request, morning-report → urgent-message, appointment-request"],
            SettingsDiff.Between(Before, imported).Select(c => c.Text));
    }

    [Fact]
    public void AnImportThatChangesTheOutboundRulesListsThemInWords()
    {
        var imported = Before with
        {
            Outbound = new OutboundSettings { Rules = Ivr.Domain.Outbound.CallingRules.Default with { WindowStart = new TimeOnly(9, 0) }, MaxChannels = 2 },
        };

        Assert.Equal(
            ["Outbound calls: calls 08:00-21:00 on the patient's clock, at most 1 a day and 3 a week to one number for one campaign, 4 at once; up to 6 calls to a patient, retried after 30m, 2h, 1d → calls 09:00-21:00 on the patient's clock, at most 1 a day and 3 a week to one number for one campaign, 2 at once; up to 6 calls to a patient, retried after 30m, 2h, 1d"],
            SettingsDiff.Between(Before, imported).Select(c => c.Text));
    }
}
