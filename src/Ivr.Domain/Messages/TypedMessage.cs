namespace Ivr.Domain.Messages;

/// <summary>
/// What an operator typed for a caller at the desk, in place of the recordings the automated flow takes.
/// Every field but <paramref name="TakenBy"/> is protected health information, encrypted at rest by the store.
/// </summary>
/// <param name="CallerName">Who called.</param>
/// <param name="PatientName">Who the call is about.</param>
/// <param name="DateOfBirth">The patient's date of birth.</param>
/// <param name="Reason">Why they called, in a line.</param>
/// <param name="Notes">Anything else the operator wrote; empty when nothing.</param>
/// <param name="TakenBy">The operator who took it (their user name): staff, not patient data.</param>
/// <param name="IsTriage">A nurse's triage made it (its reason line starts with the disposition): a call keeps one operator's message and one triage message.</param>
public sealed record TypedMessage(string CallerName, string PatientName, DateOnly DateOfBirth, string Reason, string Notes, string TakenBy, bool IsTriage = false);
