using System.Security.Cryptography;
using System.Text;

namespace Ivr.Data;

/// <summary>
/// The secret that keys the audit log's hash chain. It lives outside the database, like the
/// patient-data key, so whoever can write the database file cannot forge a link.
/// </summary>
public sealed class AuditChainKey
{
    private const int Size = 32;

    public AuditChainKey(byte[] key)
    {
        if (key.Length != Size)
        {
            throw new DataException("The audit chain key must be 32 bytes (HMAC-SHA256).");
        }

        Bytes = key;
    }

    internal byte[] Bytes { get; }

    /// <summary>Where the key file is: <see cref="DataOptions.AuditKeyFile"/>, or <c>audit.key</c> beside the patient-data key file.</summary>
    public static string FileOf(DataOptions options) =>
        Path.GetFullPath(options.AuditKeyFile ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.KeyFile))!, "audit.key"));

    /// <summary>Loads the key from the options, or from its file, creating the file (folder 0700, file 0600) when absent.</summary>
    public static AuditChainKey FromOptions(DataOptions options)
    {
        if (!string.IsNullOrEmpty(options.AuditKey))
        {
            return new AuditChainKey(Decode(options.AuditKey, "Data:AuditKey"));
        }

        var path = FileOf(options);
        if (!File.Exists(path))
        {
            Create(path);
        }

        return new AuditChainKey(Decode(File.ReadAllText(path).Trim(), path));
    }

    private static void Create(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // The CLI and the service may start together: each writes a whole key beside the final name and
        // links it into place; the one that loses reads the winner's, so both chain with the same key.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, OwnerOnly.Options(FileMode.CreateNew)))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Size))));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException exception)
        {
            throw new DataException($"The audit chain key in {source} is not base64.", exception);
        }
    }
}
