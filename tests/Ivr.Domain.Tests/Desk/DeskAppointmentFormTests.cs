using Ivr.Domain.Appointments;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: the desk's form as an appointment request, checked and made into the same request a caller leaves.</summary>
public sealed class DeskAppointmentFormTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static readonly DeskMessageForm Request = new(
        "Maria Gomez", "Ava Gomez", "2021-03-04", "(555) 987-6543", true, "Yearly check-up", Urgency.Routine, string.Empty, new DeskAppointmentForm("existing", "weekdays", "afternoon"));

    [Fact]
    public void ACompleteRequestHasNoErrorsAndBecomesARoutineRequestFromTheDesk()
    {
        Assert.Empty(DeskFormRules.Check(Request, Today));

        var message = DeskMessage.Of(Request, 7, "riverside-pediatrics", "5551230000", "sam", new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            new AppointmentRequest(null)
            {
                Source = AppointmentSource.Desk,
                Standing = PatientStanding.Existing,
                BirthDate = new DateOnly(2021, 3, 4),
                Days = PreferredDays.Monday | PreferredDays.Tuesday | PreferredDays.Wednesday | PreferredDays.Thursday | PreferredDays.Friday,
                Time = PreferredTime.Afternoon,
            },
            message.Appointment);
        Assert.Equal(("Yearly check-up", "sam", Urgency.Routine), (message.Typed!.Reason, message.Typed.TakenBy, message.Urgency));
    }

    [Fact]
    public void AMessageFormMakesNoRequest() =>
        Assert.Null(DeskMessage.Of(Request with { Appointment = null }, 7, "p", null, "sam", new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero)).Appointment);

    [Fact]
    public void StandingDaysAndTimeMustBeChosen()
    {
        var errors = DeskFormRules.Check(Request with { Appointment = new DeskAppointmentForm("", "sunday", "evening") }, Today);

        Assert.Equal(["days", "standing", "time"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnUrgentRequestIsRefusedForAnUrgentMessage()
    {
        var errors = DeskFormRules.Check(Request with { Urgency = Urgency.Urgent }, Today);

        Assert.Contains("urgent message", Assert.Single(errors, e => e.Key == "urgency").Value);
    }

    [Theory]
    [InlineData("any", PreferredDays.Any)]
    [InlineData(" Monday ", PreferredDays.Monday)]
    [InlineData("saturday", PreferredDays.Saturday)]
    public void DaysAreReadAsTheOperatorChoseThem(string typed, PreferredDays days) =>
        Assert.Equal(days, DeskFormRules.ParseDays(typed));
}
