namespace Ivr.Testing;

/// <summary>Finds the repository from the test's output folder.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ivr.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Ivr.sln not found above " + AppContext.BaseDirectory);
    }
}
