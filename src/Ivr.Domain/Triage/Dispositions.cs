using System.Diagnostics.CodeAnalysis;

namespace Ivr.Domain.Triage;

/// <summary>The ladder's codes (what files, the database and exports carry) and its words (what people read).</summary>
public static class Dispositions
{
    private static readonly (Disposition Value, string Code, string Words)[] Ladder =
    [
        (Disposition.Call911Now, "call-911-now", "call 911 now"),
        (Disposition.EmergencyDepartmentNow, "ed-now", "go to the emergency department now"),
        (Disposition.SeeClinicianNow, "see-now", "see a clinician now (office or urgent care)"),
        (Disposition.SeeToday, "see-today", "see today"),
        (Disposition.Within24Hours, "within-24-hours", "see within 24 hours"),
        (Disposition.Within3Days, "within-3-days", "see within 3 days"),
        (Disposition.Within2Weeks, "within-2-weeks", "see within 2 weeks"),
        (Disposition.HomeCare, "home-care", "home care"),
    ];

    /// <summary>Every disposition, most urgent first.</summary>
    public static IReadOnlyList<Disposition> All { get; } = [.. Ladder.Select(l => l.Value)];

    /// <summary>The codes, most urgent first, for error messages.</summary>
    public static string Choices { get; } = string.Join(", ", Ladder.Select(l => l.Code));

    /// <summary>The stable code: <c>ed-now</c>.</summary>
    public static string Code(Disposition disposition) => Entry(disposition).Code;

    /// <summary>The words a nurse reads and a page says: "go to the emergency department now".</summary>
    public static string Words(Disposition disposition) => Entry(disposition).Words;

    public static bool TryParse(string? code, [NotNullWhen(true)] out Disposition? disposition)
    {
        foreach (var entry in Ladder)
        {
            if (string.Equals(entry.Code, code, StringComparison.Ordinal))
            {
                disposition = entry.Value;
                return true;
            }
        }

        disposition = null;
        return false;
    }

    /// <summary>True when <paramref name="disposition"/> is more urgent than <paramref name="than"/>.</summary>
    public static bool IsMoreUrgent(this Disposition disposition, Disposition than) => disposition < than;

    /// <summary>The most urgent of two.</summary>
    public static Disposition MostUrgent(Disposition a, Disposition b) => a < b ? a : b;

    private static (Disposition Value, string Code, string Words) Entry(Disposition disposition) =>
        Ladder.FirstOrDefault(l => l.Value == disposition) is { Code: not null } entry
            ? entry
            : throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "not a rung of the disposition ladder");
}
