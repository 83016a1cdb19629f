using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ivr.Data;

/// <summary>
/// The audit log's hash chain: each row's chain value is HMAC-SHA256(key, previous row's chain value ||
/// the row's canonical encoding). The encoding is every field in a fixed order, each a 4-byte big-endian
/// length and its UTF-8 bytes (length -1 for null), the id first, so no two different rows encode the
/// same and a row moved to another id no longer matches. The first row links to 32 zero bytes.
/// </summary>
internal static class AuditChain
{
    public const int Size = 32;

    public static byte[] Genesis => new byte[Size];

    public static byte[] Link(AuditChainKey key, ReadOnlySpan<byte> previous, AuditRow row)
    {
        using var buffer = new MemoryStream();
        buffer.Write(previous);
        Field(buffer, row.Id.ToString(CultureInfo.InvariantCulture));
        Field(buffer, row.At);
        Field(buffer, row.Actor);
        Field(buffer, row.Action);
        Field(buffer, row.SubjectType);
        Field(buffer, row.SubjectId);
        Field(buffer, row.Detail);
        Field(buffer, row.Session);
        Field(buffer, row.Address);
        return HMACSHA256.HashData(key.Bytes, buffer.ToArray());
    }

    public static string Text(byte[] chain) => Convert.ToHexStringLower(chain);

    /// <summary>The stored chain value as bytes; null when absent or not 64 hex digits.</summary>
    public static byte[]? Parse(string? stored)
    {
        if (stored is not { Length: Size * 2 })
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(stored);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="stored"/> is the link <paramref name="row"/> must carry after <paramref name="previous"/> (constant time).</summary>
    public static bool Holds(AuditChainKey key, ReadOnlySpan<byte> previous, AuditRow row, byte[]? stored) =>
        stored is not null && CryptographicOperations.FixedTimeEquals(Link(key, previous, row), stored);

    private static void Field(MemoryStream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            buffer.Write(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
