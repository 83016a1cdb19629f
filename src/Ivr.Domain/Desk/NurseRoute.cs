namespace Ivr.Domain.Desk;

/// <summary>Which live-person callers a practice sends to the nurse line first (<see cref="DeskSettings.NurseRoute"/>), while a nurse is at the desk.</summary>
public enum NurseRoute
{
    /// <summary>Nobody by policy: callers reach the nurses through the menu's option or an operator's transfer. The default.</summary>
    None,

    /// <summary>Callers on the practice's urgent lines (<see cref="DeskSettings.UrgentLines"/>).</summary>
    UrgentLines,

    /// <summary>Every caller who asks for a live person.</summary>
    LivePerson,
}
