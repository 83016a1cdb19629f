using System.Globalization;
using System.Text;
using Ivr.Domain.Appointments;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Triage;

/// <summary>
/// What a finished triage does, decided without any I/O: a message for the practice, typed like the desk's,
/// whose reason line says the disposition first ("triage: emergency department now, fever in a child, nurse
/// garcia"); urgent (the on-call chain is paged, as for any urgent message) when the practice's actions for the
/// final disposition page or send an urgent message (by default "see today" or more urgent), routine (the morning
/// report) otherwise; a downgrade goes on the physician's review list and the line says so.
/// </summary>
public static class TriageFinish
{
    private const string Cut = " [...]";

    /// <summary>The message's urgency for <paramref name="final"/> under the practice's <paramref name="settings"/> (the defaults for null).</summary>
    public static Urgency UrgencyOf(Disposition final, TriageSettings? settings = null) => UrgencyOf((settings ?? TriageSettings.Default).ActionsFor(final));

    /// <summary>Urgent when <paramref name="actions"/> page the physician, send an urgent message or an urgent notice after the call.</summary>
    public static Urgency UrgencyOf(TriageActions actions) => (actions & TriageActionRules.Urgent) != 0 ? Urgency.Urgent : Urgency.Routine;

    /// <summary>What is wrong with the nurse's patient fields (keyed as the desk form's: <c>callerName</c>, ...); empty when the triage may finish. <paramref name="today"/> is the practice's date.</summary>
    public static IReadOnlyDictionary<string, string> Check(TriagePatient patient, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return DeskFormRules.Check(Form(patient, "triage", Urgency.Routine, string.Empty), today);
    }

    /// <summary>
    /// The message and flags for <paramref name="pathway"/>, finished on call record <paramref name="callRecordId"/> of
    /// <paramref name="practiceId"/>, acting as the practice's <paramref name="settings"/> say (the defaults for null).
    /// Check <paramref name="patient"/> with <see cref="Check"/> first.
    /// </summary>
    /// <exception cref="ArgumentException">The patient fields do not pass <see cref="Check"/>.</exception>
    public static TriageOutcome Decide(TriagePathway pathway, TriagePatient patient, long callRecordId, string practiceId, string? callerId, TriageSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(pathway);
        ArgumentNullException.ThrowIfNull(patient);
        var actions = (settings ?? TriageSettings.Default).ActionsFor(pathway.Final);
        var urgency = UrgencyOf(actions);
        var form = Form(patient, Headline(pathway, actions), urgency, Summary(pathway, actions));
        var message = DeskMessage.Of(form, callRecordId, practiceId, callerId, pathway.Nurse, pathway.CompletedAt);
        message = message with
        {
            Typed = message.Typed! with { IsTriage = true },
            UrgencyReason = urgency == Urgency.Urgent ? "nurse triage: " + Dispositions.Words(pathway.Final) : null,
            Appointment = AppointmentRequest.For(pathway.Final, actions),
        };
        return new TriageOutcome(message, actions, pathway.NeedsPhysicianReview);
    }

    /// <summary>
    /// The reason line: the final disposition first, then the protocol that reached the computed one and the nurse
    /// ("triage: emergency department now, fever in a child, nurse garcia"), then an override's direction. "Call 911
    /// now" says at once that the caller was told to hang up and call 911: the physician hears it first on the page.
    /// </summary>
    public static string Headline(TriagePathway pathway) => Headline(pathway, pathway.Actions);

    /// <summary>The reason line when the final disposition does <paramref name="actions"/> (the practice's mapping).</summary>
    public static string Headline(TriagePathway pathway, TriageActions actions)
    {
        ArgumentNullException.ThrowIfNull(pathway);
        var line = new StringBuilder("triage: ").Append(Short(pathway.Final));
        if (actions.HasFlag(TriageActions.TellCallerToCall911))
        {
            line.Append(" (caller told to hang up and call 911)");
        }

        if (pathway.Protocols.FirstOrDefault(p => p.Reached == pathway.Computed) is { } decided)
        {
            line.Append(", ").Append(Lower(decided.Title));
        }

        line.Append(", nurse ").Append(pathway.Nurse);
        if (pathway.Override is { } moved)
        {
            line.Append(moved.Direction == OverrideDirection.Down
                ? $"; downgraded from {Short(moved.From)}: for the on-call physician's review"
                : $"; raised from {Short(moved.From)}");
        }

        return OneLine(line.ToString(), DeskFormRules.MaxReasonLength);
    }

    /// <summary>The notes: the dispositions, the override and its reason, the appointment request, each protocol's answers and advice, the nurse's note.</summary>
    public static string Summary(TriagePathway pathway) => Summary(pathway, pathway.Actions);

    /// <summary>The notes when the final disposition does <paramref name="actions"/> (the practice's mapping).</summary>
    public static string Summary(TriagePathway pathway, TriageActions actions)
    {
        ArgumentNullException.ThrowIfNull(pathway);
        var text = new StringBuilder();
        text.Append("Disposition: ").Append(Dispositions.Words(pathway.Final));
        if (pathway.Override is { } moved)
        {
            text.Append(CultureInfo.InvariantCulture, $" (overridden {(moved.Direction == OverrideDirection.Down ? "down" : "up")} from {Dispositions.Words(moved.From)} by nurse {moved.By}: {moved.Reason})");
            if (moved.Direction == OverrideDirection.Down)
            {
                text.Append("\nThis downgrade is on the on-call physician's review list.");
            }
        }

        if (actions.HasFlag(TriageActions.TellCallerToCall911))
        {
            text.Append("\nThe caller was told to hang up and call 911.");
        }

        if (AppointmentRequest.For(pathway.Final, actions) is { } appointment)
        {
            text.Append('\n').Append(appointment.Line).Append('.');
        }

        foreach (var protocol in pathway.Protocols)
        {
            text.Append("\n\n").Append(protocol.Title).Append(" (version ").Append(protocol.Version);
            text.Append(protocol.IsExample ? ", " + TriageProtocol.ExampleNotice + ")" : ")");
            foreach (var answer in protocol.Answers)
            {
                text.Append('\n').Append(answer.Yes ? "yes: " : "no: ").Append(answer.Question);
            }

            text.Append('\n').Append(protocol.Reached is { } reached ? "reached: " + Dispositions.Words(reached) : "left unfinished");
            if (protocol.CareAdvice.Length > 0)
            {
                text.Append("\nadvice given: ").Append(protocol.CareAdvice.Trim());
            }
        }

        if (pathway.Note.Length > 0)
        {
            text.Append("\n\nNurse's note: ").Append(pathway.Note);
        }

        var whole = text.ToString();
        return whole.Length <= DeskFormRules.MaxNotesLength ? whole : whole[..(DeskFormRules.MaxNotesLength - Cut.Length)] + Cut;
    }

    /// <summary>The disposition as a page says it: "emergency department now" rather than "go to the emergency department now".</summary>
    private static string Short(Disposition disposition)
    {
        var words = Dispositions.Words(disposition);
        return words.StartsWith("go to the ", StringComparison.Ordinal) ? words["go to the ".Length..] : words;
    }

    /// <summary>"Fever in a child" reads "fever in a child" inside the line; an acronym ("RSV ...") keeps its case.</summary>
    private static string Lower(string title) =>
        title.Length > 1 && char.IsUpper(title[0]) && !char.IsUpper(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title;

    private static string OneLine(string text, int max)
    {
        var line = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return line.Length <= max ? line : line[..(max - Cut.Length)] + Cut;
    }

    private static DeskMessageForm Form(TriagePatient patient, string reason, Urgency urgency, string notes) =>
        new(patient.CallerName, patient.PatientName, patient.DateOfBirth, patient.CallbackNumber, patient.CallbackReadBack, reason, urgency, notes);
}
