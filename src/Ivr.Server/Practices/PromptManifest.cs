namespace Ivr.Server.Practices;

/// <summary>The prompt ids of <c>prompts/manifest.txt</c> (<c>id | words</c> lines), which setup renders for Asterisk.</summary>
public static class PromptManifest
{
    /// <summary>The ids in the manifest, or null when there is no manifest at that path (the check is then skipped).</summary>
    public static IReadOnlySet<string>? Load(string path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path)
            .Select(line => line.Split('|', 2)[0].Trim())
            .Where(id => id.Length > 0 && !id.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
    }
}
