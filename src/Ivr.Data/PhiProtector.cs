using System.Security.Cryptography;
using System.Text;

namespace Ivr.Data;

/// <summary>
/// Encrypts protected health information for storage: AES-256-GCM with keys kept outside the database.
/// A stored value is <c>{key id}:{base64 of nonce, ciphertext, tag}</c>; the key id (the first 8 hex digits
/// of the key's SHA-256) says which key made it, and the associated data binds it to its table, column and
/// row (<see cref="Protect(string?, string, string, string)"/>) or to a named purpose, so a value copied to
/// another row or column does not decrypt. Values of the first format (plain base64, bound to the column
/// only) still read, with any key of the ring.
/// </summary>
/// <remarks>
/// The key file holds one base64 key per line; the first line is the current key (new values), the others
/// are older keys still being read while <c>ivr keys rotate</c> re-encrypts. The file is read again whenever
/// it changes, so a rotation run from the command line takes effect in the running service.
/// </remarks>
public sealed class PhiProtector
{
    private const byte LegacyVersion = 1;
    private const byte Version = 2;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeyIdLength = 8;
    private readonly string? _keyFile;
    private readonly Lock _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _indexKeys = new(StringComparer.Ordinal);
    private KeyRing _ring;
    private DateTime _loadedAt;

    public PhiProtector(byte[] key)
        : this([key], null)
    {
    }

    private PhiProtector(IReadOnlyList<byte[]> keys, string? keyFile)
    {
        _ring = new KeyRing(keys);
        _keyFile = keyFile;
        _loadedAt = keyFile is null ? default : File.GetLastWriteTimeUtc(keyFile);
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string CurrentKeyId => Ring().CurrentId;

    /// <summary>The ids of every key the ring can read with, the current one first.</summary>
    public IReadOnlyList<string> KeyIds => Ring().Ids;

    /// <summary>The key file, or null when the key came from configuration.</summary>
    public string? KeyFile => _keyFile;

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
            using var stream = new FileStream(path, OwnerOnly.Options(FileMode.CreateNew));
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        }

        return new PhiProtector(ReadKeyFile(path), path);
    }

    /// <summary>The id of the key that made a stored value: 8 hex digits, or <c>legacy</c> for values of the first format.</summary>
    public static string KeyIdOf(string stored)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        return colon == KeyIdLength ? stored[..colon] : "legacy";
    }

    /// <summary>The id of the key that sealed a recording (bytes from <see cref="ProtectBytes"/>), or <c>legacy</c>.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> stored) =>
        stored.Length > 1 + KeyIdLength && stored[0] == Version ? Encoding.ASCII.GetString(stored.Slice(1, KeyIdLength)) : "legacy";

    /// <summary>Encrypts a value of a row's column; null stays null.</summary>
    public string? Protect(string? value, string table, string column, string rowId) =>
        value is null ? null : ProtectText(value, RowBinding(table, column, rowId));

    /// <summary>Decrypts a value of a row's column; null stays null.</summary>
    /// <exception cref="DataException">Wrong key, wrong row or column, or tampered data.</exception>
    public string? Unprotect(string? stored, string table, string column, string rowId) =>
        stored is null ? null : UnprotectText(stored, RowBinding(table, column, rowId), $"{table}.{column}", $"{table}.{column} of row {rowId}");

    /// <summary>Encrypts a value that belongs to no row (bound to <paramref name="purpose"/>); null stays null.</summary>
    public string? Protect(string? value, string purpose) =>
        value is null ? null : ProtectText(value, "purpose:" + purpose);

    /// <summary>Decrypts what <see cref="Protect(string?, string)"/> made; null stays null.</summary>
    /// <exception cref="DataException">Wrong key, wrong purpose, or tampered data.</exception>
    public string? Unprotect(string? stored, string purpose) =>
        stored is null ? null : UnprotectText(stored, "purpose:" + purpose, purpose, purpose);

    /// <summary>
    /// A keyed hash of a value (a blind index), <c>{key id}:{hex HMAC-SHA256}</c>: equal values give equal indexes under
    /// one key, so a column can be searched for a value (a phone number) without decrypting every row, while the
    /// database alone tells nothing (phone numbers are too few to hide behind a plain hash). The HMAC key is derived
    /// from the current patient-data key (HKDF-SHA256, its own info string), never the encryption key itself; the key id
    /// lets a rotation find indexes made under an old key and make them again from the encrypted value beside them.
    /// </summary>
    public string Index(string value, string purpose)
    {
        var ring = Ring();
        return IndexWith(ring.Current, ring.CurrentId, value, purpose);
    }

    /// <summary>The value's index under every key of the ring, the current one first: what a lookup matches while a rotation is under way.</summary>
    public IReadOnlyList<string> Indexes(string value, string purpose)
    {
        var ring = Ring();
        return ring.Keys.Zip(ring.Ids, (key, id) => IndexWith(key, id, value, purpose)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Encrypts bytes (recordings); associated data names the purpose (for a recording, its file name).</summary>
    public byte[] ProtectBytes(ReadOnlySpan<byte> plain, string purpose)
    {
        var ring = Ring();
        var header = 1 + KeyIdLength;
        var output = new byte[header + NonceSize + plain.Length + TagSize];
        output[0] = Version;
        Encoding.ASCII.GetBytes(ring.CurrentId, output.AsSpan(1, KeyIdLength));
        RandomNumberGenerator.Fill(output.AsSpan(header, NonceSize));
        using var aes = new AesGcm(ring.Current, TagSize);
        aes.Encrypt(output.AsSpan(header, NonceSize), plain, output.AsSpan(header + NonceSize, plain.Length), output.AsSpan(header + NonceSize + plain.Length), Associated("purpose:" + purpose, ring.CurrentId));
        return output;
    }

    /// <summary>
    /// Decrypts what <see cref="ProtectBytes"/> made. Recordings of the first format were bound to
    /// <paramref name="legacyPurpose"/> only and read with any key of the ring.
    /// </summary>
    public byte[] UnprotectBytes(ReadOnlySpan<byte> stored, string purpose, string legacyPurpose)
    {
        if (stored.Length >= 1 + KeyIdLength + NonceSize + TagSize && stored[0] == Version)
        {
            var keyId = Encoding.ASCII.GetString(stored.Slice(1, KeyIdLength));
            var key = KeyFor(keyId, "a recording");
            var body = stored[(1 + KeyIdLength)..];
            return Open(key, body, Associated("purpose:" + purpose, keyId)) ?? throw new DataException("An encrypted recording does not decrypt: wrong key, or the file was altered or renamed.");
        }

        if (stored.Length >= 1 + NonceSize + TagSize && stored[0] == LegacyVersion)
        {
            foreach (var key in Ring().Keys)
            {
                if (Open(key, stored[1..], Encoding.UTF8.GetBytes(legacyPurpose)) is { } plain)
                {
                    return plain;
                }
            }

            throw new DataException("An encrypted recording does not decrypt: wrong key, or the file was altered.");
        }

        throw new DataException("An encrypted recording has an unknown format.");
    }

    /// <summary>
    /// Starts a rotation: a new random key becomes current (first line of the key file) and the old ones
    /// stay readable. When a rotation is already under way (more than one key), nothing changes, so a
    /// rotation that failed midway resumes under the key it started. Returns the current key id.
    /// </summary>
    public string BeginRotation()
    {
        var path = _keyFile ?? throw new DataException("Keys can only be rotated when they live in a key file (Data:KeyFile), not in Data:Key.");
        lock (_gate)
        {
            var keys = ReadKeyFile(path);
            if (keys.Count == 1)
            {
                WriteKeyFile(path, [RandomNumberGenerator.GetBytes(32), .. keys]);
            }
        }

        return Ring().CurrentId;
    }

    /// <summary>Removes from the key file every key but the current one. Call only once nothing uses them.</summary>
    public IReadOnlyList<string> RetireOldKeys()
    {
        var path = _keyFile ?? throw new DataException("Keys can only be retired from a key file (Data:KeyFile).");
        lock (_gate)
        {
            var keys = ReadKeyFile(path);
            if (keys.Count > 1)
            {
                WriteKeyFile(path, [keys[0]]);
            }

            return keys.Skip(1).Select(KeyRing.IdOf).ToArray();
        }
    }

    private string ProtectText(string value, string binding)
    {
        var ring = Ring();
        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[NonceSize + plain.Length + TagSize];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        using var aes = new AesGcm(ring.Current, TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Associated(binding, ring.CurrentId));
        return ring.CurrentId + ":" + Convert.ToBase64String(output);
    }

    private string UnprotectText(string stored, string binding, string legacyColumn, string where)
    {
        var keyId = KeyIdOf(stored);
        byte[]? plain;
        if (keyId != "legacy")
        {
            var key = KeyFor(keyId, where);
            plain = Open(key, FromBase64(stored.AsSpan(KeyIdLength + 1), where), Associated(binding, keyId));
        }
        else
        {
            var bytes = FromBase64(stored, where);
            plain = null;
            if (bytes.Length >= 1 + NonceSize + TagSize && bytes[0] == LegacyVersion)
            {
                foreach (var key in Ring().Keys)
                {
                    if ((plain = Open(key, bytes.AsSpan(1), Encoding.UTF8.GetBytes(legacyColumn))) is not null)
                    {
                        break;
                    }
                }
            }
            else
            {
                throw new DataException($"A protected value in {where} has an unknown format.");
            }
        }

        return plain is null
            ? throw new DataException($"A protected value in {where} does not decrypt: wrong key, copied from another row or column, or altered.")
            : Encoding.UTF8.GetString(plain);
    }

    private static byte[]? Open(byte[] key, ReadOnlySpan<byte> sealedBytes, byte[] associated)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return null;
        }

        var cipherLength = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, cipherLength), sealedBytes[(NonceSize + cipherLength)..], plain, associated);
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private byte[] KeyFor(string keyId, string where)
    {
        if (Ring().ById.TryGetValue(keyId, out var key))
        {
            return key;
        }

        throw new DataException($"A protected value in {where} was made with key {keyId}, which this service does not hold.");
    }

    private string IndexWith(byte[] key, string keyId, string value, string purpose)
    {
        var indexKey = _indexKeys.GetOrAdd(keyId, _ => HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: Encoding.UTF8.GetBytes("ivr blind index v1")));
        var mac = HMACSHA256.HashData(indexKey, Encoding.UTF8.GetBytes(purpose + "\n" + value));
        return keyId + ":" + Convert.ToHexStringLower(mac);
    }

    private static string RowBinding(string table, string column, string rowId) => $"row:{table}.{column}#{rowId}";

    private static byte[] Associated(string binding, string keyId) => Encoding.UTF8.GetBytes(binding + "#" + keyId);

    private static byte[] FromBase64(ReadOnlySpan<char> text, string where)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64Chars(text, buffer, out var written)
            ? buffer[..written]
            : throw new DataException($"A protected value in {where} has an unknown format.");
    }

    private KeyRing Ring()
    {
        if (_keyFile is null)
        {
            return _ring;
        }

        // One stat per value: a rotation started from the command line reaches the running service at its next value.
        var stamp = File.GetLastWriteTimeUtc(_keyFile);
        if (stamp != _loadedAt)
        {
            lock (_gate)
            {
                if (stamp != _loadedAt)
                {
                    _ring = new KeyRing(ReadKeyFile(_keyFile));
                    _loadedAt = stamp;
                }
            }
        }

        return _ring;
    }

    private static List<byte[]> ReadKeyFile(string path)
    {
        var keys = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => Decode(l, path)).ToList();
        return keys.Count > 0 ? keys : throw new DataException($"The patient-data key file {path} holds no key.");
    }

    private static void WriteKeyFile(string path, IReadOnlyList<byte[]> keys)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, OwnerOnly.Options(FileMode.CreateNew)))
        {
            stream.Write(Encoding.ASCII.GetBytes(string.Join('\n', keys.Select(Convert.ToBase64String)) + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] Decode(string base64, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException exception)
        {
            throw new DataException($"The patient-data key in {source} is not base64.", exception);
        }

        return key.Length == 32 ? key : throw new DataException("The patient-data key must be 32 bytes (AES-256).");
    }

    private sealed class KeyRing
    {
        public KeyRing(IReadOnlyList<byte[]> keys)
        {
            if (keys.Count == 0 || keys.Any(k => k.Length != 32))
            {
                throw new DataException("The patient-data key must be 32 bytes (AES-256).");
            }

            Keys = keys;
            Ids = keys.Select(IdOf).ToArray();
            ById = Ids.Zip(keys).GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.First().Second);
        }

        public IReadOnlyList<byte[]> Keys { get; }

        public IReadOnlyList<string> Ids { get; }

        public IReadOnlyDictionary<string, byte[]> ById { get; }

        public byte[] Current => Keys[0];

        public string CurrentId => Ids[0];

        public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..KeyIdLength];
    }
}
