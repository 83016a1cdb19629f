namespace Ivr.Domain.Triage;

/// <summary>The nurse's search by symptom words: every word typed must start a word of the title or the search words.</summary>
public static class ProtocolSearch
{
    public static IReadOnlyList<TriageProtocol> Find(IEnumerable<TriageProtocol> protocols, string query, ProtocolAudience? audience = null)
    {
        var typed = Words(query);
        return
        [
            .. protocols
                .Where(p => audience is null || p.Audience == audience)
                .Where(p => typed.All(t => Words(p.Title).Concat(p.SearchWords.SelectMany(Words)).Any(w => w.StartsWith(t, StringComparison.Ordinal))))
                .OrderBy(p => p.Title, StringComparer.OrdinalIgnoreCase),
        ];
    }

    private static string[] Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '-', '/', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries);
}
