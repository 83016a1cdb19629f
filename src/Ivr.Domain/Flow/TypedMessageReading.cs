using System.Globalization;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Flow;

/// <summary>
/// What a voice page reads aloud of a typed message, in two parts around the callback number (which the line reads
/// digit by digit as for every message). A triage message starts with its reason line, which says the disposition
/// first ("triage: emergency department now, fever in a child, nurse garcia"), then the patient; a desk message with
/// the caller, the patient and the reason. The notes come after the callback number. Both parts are patient data.
/// </summary>
/// <param name="Opening">Before the callback number.</param>
/// <param name="Notes">After it; null when nothing was written in the notes.</param>
/// <param name="OpeningParts">What the opening holds, in order, in words without patient data, for the page's record.</param>
public sealed record TypedMessageReading(string Opening, string? Notes, string OpeningParts)
{
    /// <summary>The reading of <paramref name="typed"/>.</summary>
    public static TypedMessageReading Of(TypedMessage typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var born = typed.DateOfBirth.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        var notes = typed.Notes.Trim().Length > 0 ? "Notes: " + typed.Notes.Trim() : null;
        if (typed.IsTriage)
        {
            var caller = string.Equals(typed.CallerName.Trim(), typed.PatientName.Trim(), StringComparison.OrdinalIgnoreCase)
                ? string.Empty
                : $" The caller is {typed.CallerName}.";
            return new TypedMessageReading($"{Sentence(typed.Reason)} The patient is {typed.PatientName}, born {born}.{caller}", notes, "disposition line first, then patient");
        }

        return new TypedMessageReading($"A typed message from {typed.CallerName}, about {typed.PatientName}, born {born}. The reason: {Sentence(typed.Reason)}", notes, "caller, patient and reason");
    }

    /// <summary>A line read as a sentence: it ends with a stop, so the voice pauses before what follows.</summary>
    private static string Sentence(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }
}
