namespace Ivr.Telephony.Calls;

/// <summary>Tells whether a folder lives in memory (tmpfs, ramfs), from the mount table.</summary>
public static class MemoryFileSystem
{
    private static readonly HashSet<string> InMemory = new(StringComparer.Ordinal) { "tmpfs", "ramfs" };

    /// <summary>True when the deepest mount point holding <paramref name="path"/> is a memory file system.</summary>
    public static bool Holds(string path)
    {
        const string Mounts = "/proc/self/mounts";
        if (!File.Exists(Mounts))
        {
            return false;
        }

        return Holds(Path.GetFullPath(path), File.ReadAllLines(Mounts));
    }

    /// <summary>The same over the lines of a mount table (<c>device mountpoint type options …</c>).</summary>
    public static bool Holds(string path, IEnumerable<string> mounts)
    {
        var deepest = mounts
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length >= 3)
            .Select(fields => (Point: fields[1].Replace("\\040", " ", StringComparison.Ordinal), Type: fields[2]))
            .Where(mount => path == mount.Point || path.StartsWith(mount.Point.TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(mount => mount.Point.Length)
            .FirstOrDefault();
        return deepest.Type is not null && InMemory.Contains(deepest.Type);
    }
}
