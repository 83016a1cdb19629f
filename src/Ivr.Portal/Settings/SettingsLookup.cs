using Ivr.Domain.Practices;

namespace Ivr.Portal.Settings;

/// <summary>A practice's settings a user asked for, with every revision (oldest first), when they may see them.</summary>
public sealed record SettingsLookup(LookupStatus Status, Practice? Practice = null, IReadOnlyList<PracticeRevision>? Revisions = null)
{
    /// <summary>The stored revision the settings shown come from, which a change must name.</summary>
    public int Revision => Revisions is { Count: > 0 } r ? r[^1].Revision : 0;
}
