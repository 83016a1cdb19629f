namespace Ivr.Cluster.EndToEndTests.Support;

/// <summary>Reads <c>kamcmd dispatcher.list</c>'s output: each destination's URI and its flags.</summary>
public static class KamcmdDispatcherList
{
    /// <summary>Destination URI to flags (<c>AP</c>: active and probed; <c>IP</c>: inactive, probed until it answers).</summary>
    public static IReadOnlyDictionary<string, string> Parse(string output)
    {
        var destinations = new Dictionary<string, string>(StringComparer.Ordinal);
        string? uri = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("URI:", StringComparison.Ordinal))
            {
                uri = line["URI:".Length..].Trim();
            }
            else if (line.StartsWith("FLAGS:", StringComparison.Ordinal) && uri is not null)
            {
                destinations[uri] = line["FLAGS:".Length..].Trim();
                uri = null;
            }
        }

        return destinations;
    }

    /// <summary>Whether <paramref name="flags"/> keep new calls away from the destination (inactive, or disabled).</summary>
    public static bool IsOutOfTheSet(string flags) => flags.StartsWith('I') || flags.StartsWith('D');

    /// <summary>Whether new calls may go to a destination with <paramref name="flags"/>.</summary>
    public static bool TakesCalls(string flags) => flags.StartsWith('A');
}
