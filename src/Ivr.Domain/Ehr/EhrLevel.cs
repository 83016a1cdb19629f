namespace Ivr.Domain.Ehr;

/// <summary>
/// How far a practice's EHR lets the service go with an appointment request (issue 17, docs/ehr.md), chosen per
/// practice by what its EHR allows and written on every hand-off.
/// </summary>
public enum EhrLevel
{
    /// <summary>No EHR link: requests stay in the portal's inbox and the morning report.</summary>
    None,

    /// <summary>(c) A <c>Communication</c> to the practice's inbox in the EHR.</summary>
    Inform,

    /// <summary>(b) An <c>Appointment</c> with status <c>proposed</c> for the office to confirm.</summary>
    Propose,

    /// <summary>(a) Free <c>Slot</c>s of the practice's schedules are searched and one is booked as an <c>Appointment</c>, read back to the caller.</summary>
    Book,
}
