namespace Ivr.Telephony.Practices;

/// <summary>The prompt ids of <c>prompts/manifest.txt</c> (<c>id | words</c> lines), which setup renders for Asterisk.</summary>
public static class PromptManifest
{
    /// <summary>The ids in the manifest, or null when there is no manifest at that path (the check is then skipped).</summary>
    public static IReadOnlySet<string>? Load(string path) => Texts(path)?.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The manifest's ids plus the greetings rendered from practices' own words into
    /// <paramref name="soundsDirectory"/><c>/ivr</c>; null when there is no manifest.
    /// </summary>
    public static IReadOnlySet<string>? Load(string path, string soundsDirectory)
    {
        var ids = Load(path);
        if (ids is null)
        {
            return null;
        }

        var rendered = Path.Combine(soundsDirectory, "ivr");
        return Directory.Exists(rendered)
            ? ids.Concat(Directory.EnumerateFiles(rendered, GreetingRenderer.FilePattern).Select(Path.GetFileNameWithoutExtension).OfType<string>()).ToHashSet(StringComparer.Ordinal)
            : ids;
    }

    /// <summary>Each prompt's words by id, or null when there is no manifest at that path.</summary>
    public static IReadOnlyDictionary<string, string>? Texts(string path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return null;
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('|', 2);
            var id = parts[0].Trim();
            if (id.Length > 0 && !id.StartsWith('#'))
            {
                texts[id] = parts.Length == 2 ? parts[1].Trim() : string.Empty;
            }
        }

        return texts;
    }
}
