using Ivr.Domain.Messages;

namespace Ivr.Portal.Messages;

/// <summary>What an operator typed at the desk, in a message's JSON: patient data, served only where the message itself is.</summary>
/// <param name="CallerName">Who called.</param>
/// <param name="PatientName">Who the call is about.</param>
/// <param name="DateOfBirth">The patient's date of birth (<c>yyyy-mm-dd</c> in JSON).</param>
/// <param name="Reason">Why they called.</param>
/// <param name="Notes">Anything else the operator wrote; empty when nothing.</param>
/// <param name="TakenBy">The operator who typed it (the nurse, for a triage's message).</param>
/// <param name="IsTriage">A nurse's triage left it: its reason line says the disposition first.</param>
public sealed record TypedMessageJson(string CallerName, string PatientName, DateOnly DateOfBirth, string Reason, string Notes, string TakenBy, bool IsTriage)
{
    /// <summary>The typed content of <paramref name="typed"/>; null for a message the caller recorded.</summary>
    public static TypedMessageJson? From(TypedMessage? typed) =>
        typed is null ? null : new(typed.CallerName, typed.PatientName, typed.DateOfBirth, typed.Reason, typed.Notes, typed.TakenBy, typed.IsTriage);
}
