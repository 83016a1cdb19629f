using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Tests.Support;

/// <summary>Practices for schedule tests: New York and Honolulu, weekday hours, verified SIP phones.</summary>
public static class Practices
{
    public static readonly OnCallContact Supervisor = new("supervisor", "Supervisor", "PJSIP/supervisor", TimeSpan.FromSeconds(30), "supervisor");

    public static Clinician Doctor(string id, bool verified = true) =>
        new(id, "Dr. " + id, ClinicianRole.Physician, [new ContactMethod(ContactKind.Sip, $"PJSIP/{id}", verified)]);

    public static WeeklyHours Weekdays(int open, int close) => new(
        Enum.GetValues<DayOfWeek>().Where(d => d is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .ToDictionary(d => d, IReadOnlyList<OpeningInterval> (_) => [new OpeningInterval(new TimeOnly(open, 0), new TimeOnly(close, 0))]));

    /// <summary>The signed business associate agreement every practice here has; without one its calls are refused.</summary>
    public static readonly BusinessAssociateAgreement Agreement = new()
    {
        Signed = new DateOnly(2026, 1, 5),
        Version = "test-1",
        PracticeSigner = new AgreementSigner("Dana Whitfield", "Practice Manager"),
        ServiceSigner = new AgreementSigner("Morgan Reyes", "Operations Director"),
        RecordedBy = "test",
        RecordedAt = new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero),
    };

    public static Practice NewYork(params Rotation[] rotations) => new()
    {
        Id = "riverside-pediatrics",
        Name = "Riverside Pediatrics",
        Numbers = ["15550100"],
        TimeZone = "America/New_York",
        Coverage = CoverageMode.AfterHours,
        Office = new OfficeLine("PJSIP/office-ny", TimeSpan.FromSeconds(20)),
        Hours = Weekdays(8, 17),
        Holidays = new HolidayCalendar([], UsFederalHolidays.PresetName),
        Clinicians = [Doctor("dr-lee"), Doctor("dr-patel"), Doctor("dr-cho")],
        Rotations = rotations.Length > 0 ? rotations : [Weekly("physicians", Layers.Primary, "dr-lee", "dr-patel")],
        Agreement = Agreement,
    };

    public static Practice Honolulu() => new()
    {
        Id = "harbor-internal-medicine",
        Name = "Harbor Internal Medicine",
        Numbers = ["15550200"],
        TimeZone = "Pacific/Honolulu",
        Coverage = CoverageMode.Overflow,
        Office = new OfficeLine("PJSIP/office-hnl", TimeSpan.FromSeconds(15)),
        Hours = Weekdays(7, 16),
        Clinicians = [Doctor("dr-kahale"), Doctor("dr-nakamura")],
        Rotations = [Daily("internists", Layers.Primary, new TimeOnly(7, 0), "dr-kahale", "dr-nakamura")],
        Agreement = Agreement,
    };

    public static Rotation Weekly(string name, int layer, params string[] members) =>
        new(name, layer, RotationPeriod.Weekly, new TimeOnly(8, 0), DayOfWeek.Monday, new DateOnly(2026, 1, 5), members);

    public static Rotation Daily(string name, int layer, TimeOnly handoff, params string[] members) =>
        new(name, layer, RotationPeriod.Daily, handoff, DayOfWeek.Monday, new DateOnly(2026, 1, 1), members);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
