using Ivr.Domain.Desk;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: what a message form must hold before the desk saves it, field by field.</summary>
public sealed class DeskFormRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    public static DeskMessageForm Valid { get; } = new(
        "Maria Gomez", "Ava Gomez", "2021-03-04", "(555) 987-6543", true, "Fever of 103 since the afternoon", Urgency.Urgent, "Gave Tylenol at 8 pm.");

    [Fact]
    public void ACompleteFormHasNoErrors() =>
        Assert.Empty(DeskFormRules.Check(Valid, Today));

    [Fact]
    public void AnEmptyFormNamesEveryRequiredFieldAndNotTheNotes()
    {
        var errors = DeskFormRules.Check(new DeskMessageForm(" ", "", "", "  ", false, "\t", Urgency.Routine, ""), Today);

        Assert.Equal(["callbackNumber", "callbackReadBack", "callerName", "dateOfBirth", "patientName", "reason"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Enter the caller's name.", errors["callerName"]);
        Assert.Equal("Enter the patient's name.", errors["patientName"]);
    }

    [Fact]
    public void NullsFromABadRequestAreMissingFieldsNotACrash()
    {
        var errors = DeskFormRules.Check(new DeskMessageForm(null!, null!, null!, null!, true, null!, Urgency.Routine, null!), Today);

        Assert.Equal(["callbackNumber", "callerName", "dateOfBirth", "patientName", "reason"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2021-03-04", null)]
    [InlineData(" 2021-03-04 ", null)]
    [InlineData("2026-12-02", null)]
    [InlineData("1900-01-01", null)]
    [InlineData("2024-02-29", null)]
    [InlineData("2023-02-29", "There is no such date.")]
    [InlineData("2021-13-01", "There is no such date.")]
    [InlineData("2026-12-03", "The date of birth is after today.")]
    [InlineData("1899-12-31", "The date of birth is before 1900.")]
    [InlineData("04/03/2021", "Write the date of birth as yyyy-mm-dd, e.g. 2019-04-23.")]
    [InlineData("2021-3-4", "Write the date of birth as yyyy-mm-dd, e.g. 2019-04-23.")]
    [InlineData("２０２１-03-04", "Write the date of birth as yyyy-mm-dd, e.g. 2019-04-23.")]
    [InlineData("", "Enter the patient's date of birth (yyyy-mm-dd).")]
    public void TheDateOfBirthIsARealDateWrittenYearMonthDayNotAfterTodayNorBefore1900(string typed, string? error) =>
        Assert.Equal(error, DeskFormRules.Check(Valid with { DateOfBirth = typed }, Today).GetValueOrDefault("dateOfBirth"));

    [Theory]
    [InlineData("5559876543", "5559876543")]
    [InlineData("(555) 987-6543", "5559876543")]
    [InlineData("555.987.6543", "5559876543")]
    [InlineData("+1 555 987 6543", "15559876543")]
    [InlineData(" +44 20 7946 0958 ", "442079460958")]
    [InlineData("987-6543", "9876543")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("987-654", null)]
    [InlineData("1234567890123456", null)]
    [InlineData("555 987 6543 ext 12", null)]
    [InlineData("555+9876543", null)]
    [InlineData("++15559876543", null)]
    [InlineData("555/987/6543", null)]
    public void ACallbackNumberHasSevenToFifteenDigitsWithTheUsualPunctuationAndALeadingPlus(string typed, string? digits)
    {
        Assert.Equal(digits, CallbackNumbers.Normalize(typed));
        Assert.Equal(digits is null, DeskFormRules.Check(Valid with { CallbackNumber = typed }, Today).ContainsKey("callbackNumber"));
    }

    [Fact]
    public void TheNumberMustHaveBeenReadBack()
    {
        var errors = DeskFormRules.Check(Valid with { CallbackReadBack = false }, Today);

        Assert.Equal("callbackReadBack", Assert.Single(errors).Key);
    }

    [Fact]
    public void LengthsAreCountedAfterTrimming()
    {
        var name = new string('n', DeskFormRules.MaxNameLength);
        var reason = new string('r', DeskFormRules.MaxReasonLength);
        var notes = new string('x', DeskFormRules.MaxNotesLength);

        Assert.Empty(DeskFormRules.Check(Valid with { CallerName = "  " + name + "  ", PatientName = name, Reason = " " + reason + " ", Notes = "\n" + notes + "\n" }, Today));
        var errors = DeskFormRules.Check(Valid with { CallerName = name + "n", PatientName = name + "n", Reason = reason + "r", Notes = notes + "x" }, Today);
        Assert.Equal(["callerName", "notes", "patientName", "reason"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("The notes are at most 2000 characters (2001 now).", errors["notes"]);
    }

    [Fact]
    public void NamesAndTheReasonAreOneLineWhileNotesMayRunOnSeveral()
    {
        var errors = DeskFormRules.Check(Valid with { CallerName = "Maria\nGomez", Reason = "fever\r\nrash", Notes = "line one\nline two" }, Today);

        Assert.Equal(["callerName", "reason"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnUrgencyThatIsNeitherIsRefused() =>
        Assert.Equal("urgency", Assert.Single(DeskFormRules.Check(Valid with { Urgency = (Urgency)7 }, Today)).Key);
}
