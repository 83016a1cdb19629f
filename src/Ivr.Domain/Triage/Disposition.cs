namespace Ivr.Domain.Triage;

/// <summary>
/// The fixed disposition ladder, most urgent first: a lower value is more urgent, so the most urgent of
/// several is the smallest. The words and codes are in <see cref="Dispositions"/>.
/// </summary>
public enum Disposition
{
    Call911Now = 1,
    EmergencyDepartmentNow = 2,
    SeeClinicianNow = 3,
    SeeToday = 4,
    Within24Hours = 5,
    Within3Days = 6,
    Within2Weeks = 7,
    HomeCare = 8,
}
