namespace Ivr.Domain.Desk;

/// <summary>The practice's card: what the operator needs to answer as the practice, shown before they answer.</summary>
/// <param name="PracticeId">The practice.</param>
/// <param name="PracticeName">Its name.</param>
/// <param name="Greeting">The exact greeting to say, with the practice's and the operator's names filled in.</param>
/// <param name="Instructions">The practice's own instructions for operators (may be empty).</param>
/// <param name="OfficeHours">Its office hours, as text for people.</param>
/// <param name="OfficeOpenNow">Whether the office is open now.</param>
/// <param name="OnCall">The on-call chain right now, in the order it is rung.</param>
/// <param name="CallerNumber">The caller's number, when known (operators may see it).</param>
/// <param name="CanTransferToOffice">The practice has an office line and the office is open.</param>
public sealed record DeskCard(
    string PracticeId,
    string PracticeName,
    string Greeting,
    string Instructions,
    string OfficeHours,
    bool OfficeOpenNow,
    IReadOnlyList<DeskOnCall> OnCall,
    string? CallerNumber,
    bool CanTransferToOffice);

/// <summary>One clinician in the on-call chain as the card shows it.</summary>
public sealed record DeskOnCall(string ClinicianId, string Name, string Reason);
