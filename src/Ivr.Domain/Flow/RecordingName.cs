using System.Globalization;

namespace Ivr.Domain.Flow;

/// <summary>
/// The file name (without folder or extension) of a call's recording: <c>{uniqueid}-{kind}-{take}</c>.
/// Built by the flow when it records and read back by whoever seals a call's recordings, so both
/// agree on which files belong to a call.
/// </summary>
public sealed record RecordingName(string UniqueId, string Kind, int Take)
{
    /// <summary>The caller's name.</summary>
    public const string Name = "name";

    /// <summary>The caller's message.</summary>
    public const string Message = "message";

    public override string ToString() => $"{UniqueId}-{Kind}-{Take.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads a file name (extension allowed) back; false for anything not named this way.</summary>
    public static bool TryParse(string fileName, out RecordingName? name)
    {
        name = null;
        var stem = Path.GetFileName(fileName);
        var dot = stem.LastIndexOf('.');
        if (dot > stem.LastIndexOf('-'))
        {
            stem = stem[..dot];
        }

        // From the right: a uniqueid may itself hold a '-' (Asterisk's system name prefix).
        var takeAt = stem.LastIndexOf('-');
        var kindAt = takeAt > 0 ? stem.LastIndexOf('-', takeAt - 1) : -1;
        if (kindAt <= 0
            || !int.TryParse(stem.AsSpan(takeAt + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var take)
            || stem[(kindAt + 1)..takeAt] is not (Name or Message))
        {
            return false;
        }

        name = new RecordingName(stem[..kindAt], stem[(kindAt + 1)..takeAt], take);
        return true;
    }

    /// <summary>True when <paramref name="fileName"/> is one of the recordings of the call <paramref name="uniqueId"/>.</summary>
    public static bool IsOfCall(string fileName, string uniqueId) => TryParse(fileName, out var name) && name!.UniqueId == uniqueId;
}
