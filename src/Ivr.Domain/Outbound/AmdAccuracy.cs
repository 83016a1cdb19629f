namespace Ivr.Domain.Outbound;

/// <summary>
/// How often Asterisk's AMD() was right, measured from staff's labels on a campaign's attempts: <see cref="Right"/> of
/// <see cref="Labelled"/>, overall and by <c>AMDSTATUS</c> (a machine taken for a person and the reverse show up under
/// the status AMD gave). Attempts without an AMD result or without a label do not count; <see cref="Share"/> is null
/// until one is labelled.
/// </summary>
/// <param name="WithAmd">Attempts that have an AMD result, labelled or not.</param>
/// <param name="Labelled">Attempts with an AMD result that staff labelled right or wrong.</param>
/// <param name="Right">Of those, labelled right.</param>
/// <param name="ByStatus">The same counts per AMDSTATUS, in the order of the status's name.</param>
public sealed record AmdAccuracy(int WithAmd, int Labelled, int Right, IReadOnlyList<AmdStatusCount> ByStatus)
{
    public int Wrong => Labelled - Right;

    /// <summary>Right over labelled, from 0 to 1; null when nothing is labelled.</summary>
    public double? Share => Labelled == 0 ? null : (double)Right / Labelled;

    public static AmdAccuracy Of(IEnumerable<CampaignAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var withAmd = attempts.Where(a => !string.IsNullOrEmpty(a.AmdStatus)).ToList();
        var byStatus = withAmd
            .GroupBy(a => a.AmdStatus!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AmdStatusCount(g.Key, g.Count(), g.Count(IsLabelled), g.Count(a => a.AmdLabel == AmdLabels.Right)))
            .ToList();
        return new AmdAccuracy(withAmd.Count, withAmd.Count(IsLabelled), withAmd.Count(a => a.AmdLabel == AmdLabels.Right), byStatus);
    }

    private static bool IsLabelled(CampaignAttempt attempt) => attempt.AmdLabel is AmdLabels.Right or AmdLabels.Wrong;
}

/// <summary>AMD's results of one <c>AMDSTATUS</c> (MACHINE, HUMAN, NOTSURE, HANGUP) and how staff labelled them.</summary>
/// <param name="Status">The AMDSTATUS Asterisk gave.</param>
/// <param name="Attempts">Attempts with that status.</param>
/// <param name="Labelled">Of those, labelled right or wrong.</param>
/// <param name="Right">Of those, labelled right.</param>
public sealed record AmdStatusCount(string Status, int Attempts, int Labelled, int Right)
{
    public int Wrong => Labelled - Right;

    public double? Share => Labelled == 0 ? null : (double)Right / Labelled;
}
