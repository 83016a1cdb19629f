using Ivr.Domain.Appointments;
using Ivr.Domain.Triage;

namespace Ivr.Domain.Tests.Appointments;

/// <summary>Needs nothing: an appointment request's window, its words and when a triage leaves one.</summary>
public sealed class AppointmentRequestTests
{
    [Theory]
    [InlineData(Disposition.SeeClinicianNow, "Appointment requested: now (office or urgent care)")]
    [InlineData(Disposition.SeeToday, "Appointment requested: today")]
    [InlineData(Disposition.Within24Hours, "Appointment requested: within 24 hours")]
    [InlineData(Disposition.Within3Days, "Appointment requested: within 3 days")]
    [InlineData(Disposition.Within2Weeks, "Appointment requested: within 2 weeks")]
    [InlineData(Disposition.HomeCare, "Appointment requested: routine (home care)")]
    [InlineData(Disposition.EmergencyDepartmentNow, "Appointment requested: after emergency care")]
    public void TheLineSaysTheWindow(Disposition window, string line) =>
        Assert.Equal(line, new AppointmentRequest(window).Line);

    [Fact]
    public void OnlyActionsWithAppointmentRequestLeaveOne()
    {
        Assert.Equal(new AppointmentRequest(Disposition.Within3Days), AppointmentRequest.For(Disposition.Within3Days, DispositionActions.For(Disposition.Within3Days)));
        Assert.Null(AppointmentRequest.For(Disposition.HomeCare, DispositionActions.For(Disposition.HomeCare)));
        Assert.Null(AppointmentRequest.For(Disposition.Within3Days, TriageActions.MorningReport));
    }
}
