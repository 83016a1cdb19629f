namespace Ivr.Domain.Practices;

/// <summary>What a caller can choose in the main menu.</summary>
public enum MainMenuChoice
{
    /// <summary>Leave a message for the doctor.</summary>
    Message,

    /// <summary>Speak with someone now (the desk or the doctor, by the practice's live-person policy).</summary>
    LivePerson,

    /// <summary>Speak with a nurse (only when the desk offers nurses: <c>DeskSettings.NurseOption</c>).</summary>
    Nurse,

    /// <summary>Office hours, whether the office is open, address and directions, fax, website; then the menu again.</summary>
    OfficeInformation,

    /// <summary>Request an appointment.</summary>
    Appointment,
}
