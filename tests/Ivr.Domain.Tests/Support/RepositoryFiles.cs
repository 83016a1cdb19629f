namespace Ivr.Domain.Tests;

/// <summary>Finds files of the repository from the test binaries.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static HashSet<string> PromptIds() =>
        File.ReadAllLines(Path.Combine(Root, "prompts", "manifest.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('|')[0].Trim())
            .ToHashSet();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ivr.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Ivr.sln not found above the test binaries.");
    }
}
