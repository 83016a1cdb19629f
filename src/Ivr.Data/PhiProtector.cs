using System.Security.Cryptography;
using System.Text;

namespace Ivr.Data;

/// <summary>
/// Encrypts protected health information for storage: AES-256-GCM with a key kept outside the
/// database. Each value is bound to its column (associated data), so a value copied into another
/// column does not decrypt. Format: version byte, 12-byte nonce, ciphertext, 16-byte tag; base64.
/// </summary>
public sealed class PhiProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public PhiProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new DataException("The patient-data key must be 32 bytes (AES-256).");
        }

        _key = key;
    }

    /// <summary>Loads the key from the options, or from the key file, creating the file (mode 0600) on first run.</summary>
    public static PhiProtector FromOptions(DataOptions options)
    {
        if (!string.IsNullOrEmpty(options.Key))
        {
            return new PhiProtector(Decode(options.Key, "Data:Key"));
        }

        var path = Path.GetFullPath(options.KeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var key = RandomNumberGenerator.GetBytes(32);
            using (var stream = new FileStream(path, OwnerOnly.Options(FileMode.CreateNew)))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            }

            return new PhiProtector(key);
        }

        return new PhiProtector(Decode(File.ReadAllText(path).Trim(), path));
    }

    /// <summary>Encrypts a value for a column; null stays null.</summary>
    public string? Protect(string? value, string column)
    {
        if (value is null)
        {
            return null;
        }

        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[1 + NonceSize + plain.Length + TagSize];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize, plain.Length), output.AsSpan(1 + NonceSize + plain.Length), Encoding.UTF8.GetBytes(column));
        return Convert.ToBase64String(output);
    }

    /// <summary>Decrypts a value of a column; null stays null.</summary>
    /// <exception cref="DataException">Wrong key, wrong column, or tampered data.</exception>
    public string? Unprotect(string? stored, string column)
    {
        if (stored is null)
        {
            return null;
        }

        var bytes = Convert.FromBase64String(stored);
        if (bytes.Length < 1 + NonceSize + TagSize || bytes[0] != Version)
        {
            throw new DataException($"A protected value in column {column} has an unknown format.");
        }

        var cipherLength = bytes.Length - 1 - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(bytes.AsSpan(1, NonceSize), bytes.AsSpan(1 + NonceSize, cipherLength), bytes.AsSpan(1 + NonceSize + cipherLength), plain, Encoding.UTF8.GetBytes(column));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new DataException($"A protected value in column {column} does not decrypt: wrong key, or the data was altered.", exception);
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Encrypts bytes (recordings); associated data names the purpose.</summary>
    public byte[] ProtectBytes(ReadOnlySpan<byte> plain, string purpose)
    {
        var output = new byte[1 + NonceSize + plain.Length + TagSize];
        output[0] = Version;
        RandomNumberGenerator.Fill(output.AsSpan(1, NonceSize));
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(output.AsSpan(1, NonceSize), plain, output.AsSpan(1 + NonceSize, plain.Length), output.AsSpan(1 + NonceSize + plain.Length), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    /// <summary>Decrypts what <see cref="ProtectBytes"/> made.</summary>
    public byte[] UnprotectBytes(ReadOnlySpan<byte> stored, string purpose)
    {
        if (stored.Length < 1 + NonceSize + TagSize || stored[0] != Version)
        {
            throw new DataException("An encrypted recording has an unknown format.");
        }

        var cipherLength = stored.Length - 1 - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(stored.Slice(1, NonceSize), stored.Slice(1 + NonceSize, cipherLength), stored.Slice(1 + NonceSize + cipherLength), plain, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new DataException("An encrypted recording does not decrypt: wrong key, or the file was altered.", exception);
        }

        return plain;
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException exception)
        {
            throw new DataException($"The patient-data key in {source} is not base64.", exception);
        }
    }
}
