using Ivr.Domain.Prompts;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Prompts;

/// <summary>The manifest's prompts in file order, read from <see cref="PracticesOptions.PromptManifest"/> each time (it is small and may be edited).</summary>
public sealed class PromptCatalog(IOptions<PracticesOptions> practices) : IPromptCatalog
{
    public IReadOnlyList<PromptEntry> Manifest()
    {
        var path = practices.Value.PromptManifest;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return [];
        }

        var entries = new List<PromptEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('|', 2);
            var id = parts[0].Trim();
            if (id.Length > 0 && !id.StartsWith('#') && seen.Add(id))
            {
                entries.Add(new PromptEntry(id, parts.Length == 2 ? parts[1].Trim() : string.Empty));
            }
        }

        return entries;
    }
}
