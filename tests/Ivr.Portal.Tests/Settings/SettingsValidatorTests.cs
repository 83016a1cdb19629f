using Ivr.Data.Practices;
using Ivr.Domain.Practices;
using Ivr.Portal.Settings;

namespace Ivr.Portal.Tests.Settings;

/// <summary>Needs nothing: the settings form obeys the rules practice files obey, and says what is wrong field by field.</summary>
public sealed class SettingsValidatorTests
{
    private static readonly Practice Riverside = new()
    {
        Id = "riverside-pediatrics",
        Name = "Riverside Pediatrics",
        TimeZone = "America/New_York",
        Numbers = ["5550100"],
        Hours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [DayOfWeek.Monday] = [new(new TimeOnly(8, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Friday] = [new(new TimeOnly(8, 0), new TimeOnly(12, 0)), new(new TimeOnly(13, 0), new TimeOnly(17, 0))],
        }),
        Holidays = new HolidayCalendar([new Holiday(new DateOnly(2026, 12, 24), "Christmas Eve")], UsFederalHolidays.PresetName),
    };

    private static SettingsRequest Unchanged() => SettingsForm.Of(Riverside, 1, string.Empty).ToRequest();

    private static SettingsRequest WithDay(SettingsRequest request, DayOfWeek day, params (string Open, string Close)[] slots)
    {
        var hours = request.Hours.ToDictionary(h => h.Key, h => h.Value);
        hours[day] = slots.Select(s => new SettingsRequest.Interval(s.Open, s.Close)).ToArray();
        return request with { Hours = hours };
    }

    [Fact]
    public void TheFormFilledFromAPracticeGivesTheSamePracticeBack()
    {
        var errors = new List<SettingsError>();

        var again = SettingsValidator.Apply(Riverside, Unchanged(), errors);

        Assert.Empty(errors);
        Assert.Empty(SettingsDiff.Between(Riverside, again!));
    }

    [Fact]
    public void HoursEscalationHolidaysAndAClosureAreApplied()
    {
        var request = WithDay(Unchanged(), DayOfWeek.Saturday, ("09:00", "12:00"), ("", "")) with
        {
            Coverage = "24/7",
            HolidayPreset = null,
            Holidays = [new("2026-12-31", "New Year's Eve"), new("", "")],
            Closures = [new("2026-02-02T12:00", "2026-02-03T08:00", "snow day")],
            RepeatSeconds = "120",
            Attempts = "4",
        };
        var errors = new List<SettingsError>();

        var changed = SettingsValidator.Apply(Riverside, request, errors)!;

        Assert.Empty(errors);
        Assert.Equal(CoverageMode.AlwaysOn, changed.Coverage);
        Assert.Equal([new OpeningInterval(new TimeOnly(9, 0), new TimeOnly(12, 0))], changed.Hours.On(DayOfWeek.Saturday));
        Assert.Equal(2, changed.Hours.On(DayOfWeek.Friday).Count);
        Assert.Null(changed.Holidays.Preset);
        Assert.Equal([new Holiday(new DateOnly(2026, 12, 31), "New Year's Eve")], changed.Holidays.Dates);
        Assert.Equal("snow day", Assert.Single(changed.Closures).Reason);
        Assert.Equal(new EscalationPolicy(TimeSpan.FromSeconds(120), 4), changed.Escalation);
    }

    [Fact]
    public void ClosingBeforeOpeningAndOneSidedTimesAreRefusedWithTheirDay()
    {
        var request = WithDay(WithDay(Unchanged(), DayOfWeek.Monday, ("17:00", "08:00")), DayOfWeek.Tuesday, ("08:00", ""));
        var errors = new List<SettingsError>();

        Assert.Null(SettingsValidator.Apply(Riverside, request, errors));

        Assert.Contains(new SettingsError("hours.monday", "Monday: closes at 08:00, which is not after it opens at 17:00."), errors);
        Assert.Contains(new SettingsError("hours.tuesday", "Tuesday: give both the opening and the closing time."), errors);
    }

    [Fact]
    public void EscalationOutOfRangeIsRefusedInTheSameWordsAnImportUses()
    {
        var request = Unchanged() with { RepeatSeconds = "5", Attempts = "many" };
        var errors = new List<SettingsError>();
        const string file = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            escalation: { repeatSeconds: 5, attempts: many }
            """;
        var imported = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(file, "riverside.yaml")).Errors;

        Assert.Null(SettingsValidator.Apply(Riverside, request, errors));

        Assert.Contains(new SettingsError("escalation.repeatSeconds", "Escalation: repeatSeconds is a whole number from 15 to 3600, not '5'."), errors);
        Assert.Contains(new SettingsError("escalation.attempts", "Escalation: attempts is a whole number from 1 to 10, not 'many'."), errors);
        Assert.Contains("riverside.yaml:4: repeatSeconds is a whole number from 15 to 3600, not '5'", imported);
        Assert.Contains("riverside.yaml:4: attempts is a whole number from 1 to 10, not 'many'", imported);
    }

    [Fact]
    public void BadDatesClosuresAndOverflowWithoutAnOfficeAreEachNamed()
    {
        var request = Unchanged() with
        {
            Coverage = "overflow",
            Holidays = [new("24/12/2026", "Christmas Eve")],
            Closures = [new("2026-02-03T08:00", "2026-02-02T12:00", "snow day"), new("2026-03-01T08:00", "2026-03-01T12:00", "")],
        };
        var errors = new List<SettingsError>();

        Assert.Null(SettingsValidator.Apply(Riverside, request, errors));

        Assert.Equal(["coverage", "holidays.0", "closures.0", "closures.1"], errors.Select(e => e.Field));
        Assert.Contains("no office line", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("Holiday '24/12/2026' is not a date like 2026-12-24.", errors[1].Message);
        Assert.Equal("Closure 1: a closure's until must come after its from.", errors[2].Message);
    }

    [Fact]
    public void AGreetingIsOneLineOfSingleSpacesAndTooLongOneIsRefused()
    {
        var errors = new List<SettingsError>();

        var changed = SettingsValidator.Apply(Riverside, Unchanged() with { GreetingText = "  Thank you for calling\r\n  Riverside. " }, errors)!;
        SettingsValidator.Apply(Riverside, Unchanged() with { GreetingText = new string('a', PracticeRules.MaxGreetingLength + 1) }, errors);

        Assert.Equal("Thank you for calling Riverside.", changed.GreetingText);
        Assert.Equal("greeting", Assert.Single(errors).Field);
    }
}
