namespace Ivr.Domain.Triage;

/// <summary>
/// What each disposition does by default; a pure mapping the telephony acts on. A practice changes it rung by
/// rung (issue 15: "as the practice configures them"; <see cref="TriageSettings"/>); these are the defaults.
/// </summary>
public static class DispositionActions
{
    public static TriageActions For(Disposition disposition) => disposition switch
    {
        Disposition.Call911Now => TriageActions.TellCallerToCall911 | TriageActions.UrgentNoticeAfterCall,
        Disposition.EmergencyDepartmentNow => TriageActions.PagePhysicianNow | TriageActions.OfferPatch,
        Disposition.SeeClinicianNow or Disposition.SeeToday => TriageActions.UrgentMessage | TriageActions.AppointmentRequest,
        Disposition.Within24Hours or Disposition.Within3Days or Disposition.Within2Weeks => TriageActions.AppointmentRequest | TriageActions.MorningReport,
        Disposition.HomeCare => TriageActions.MorningReport,
        _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "not a rung of the disposition ladder"),
    };
}
