using Microsoft.Extensions.Configuration;

namespace Ivr.Server.Hosting;

/// <summary>
/// One folder holds everything the service keeps (option <c>Data:Directory</c>, default <c>data</c> under
/// the working folder; <c>scripts/ivr</c> and so <c>./scripts/run</c> point it at the repository's
/// <c>data/</c>): the database, the patient-data key, the portal's certificate and cookie key ring. A path
/// set on its own (<c>Data:ConnectionString</c>, <c>Data:KeyFile</c>, <c>Portal:CertificatePath</c>,
/// <c>Portal:KeysDirectory</c>, <c>Phones:Database</c>) still wins. The folder is made owner-only (0700) and the database file
/// is created owner-only (0600) before SQLite opens it, so its journal files take the same mode.
/// </summary>
public static class DataDirectory
{
    public const string Key = "Data:Directory";

    /// <summary>Fills in the data paths not set on their own; returns the folder, created (0700) when the database or the key lives in it.</summary>
    public static string Apply(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Path.GetFullPath(configuration[Key] is { Length: > 0 } configured ? configured : "data");
        var database = Path.Combine(folder, "ivr.db");
        var defaults = new Dictionary<string, string?>
        {
            ["Data:ConnectionString"] = $"Data Source={database}",
            ["Data:KeyFile"] = Path.Combine(folder, "keys", "phi.key"),
            ["Portal:CertificatePath"] = Path.Combine(folder, "portal", "certificate.pfx"),
            ["Portal:KeysDirectory"] = Path.Combine(folder, "portal", "keys"),
            ["Phones:Database"] = Path.Combine(folder, "asterisk", "phones.db"),
        };
        if (string.Equals(configuration["Data:Provider"], nameof(Ivr.Data.DataProvider.Postgres), StringComparison.OrdinalIgnoreCase))
        {
            // A PostgreSQL database is named by its own connection string, never a file in this folder.
            defaults.Remove("Data:ConnectionString");
        }

        var missing = defaults.Where(d => string.IsNullOrEmpty(configuration[d.Key])).ToDictionary();
        configuration.AddInMemoryCollection(missing);

        if (missing.ContainsKey("Data:ConnectionString") || missing.ContainsKey("Data:KeyFile"))
        {
            OwnerOnlyFolder(folder);
        }

        if (missing.ContainsKey("Data:ConnectionString"))
        {
            OwnerOnlyFile(database);
        }

        return folder;
    }

    private static void OwnerOnlyFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        TryNarrow(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void OwnerOnlyFile(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(file))
        {
            // An empty file is a new database to SQLite; made here, it is owner-only from the start.
            using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            return;
        }

        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" }.Where(File.Exists))
        {
            TryNarrow(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Narrows an existing path's mode; a path another user owns is left as it is.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TryNarrow(string path, UnixFileMode mode)
    {
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
