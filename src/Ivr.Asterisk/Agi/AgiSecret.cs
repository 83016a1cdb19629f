using System.Security.Cryptography;
using System.Text;

namespace Ivr.Asterisk.Agi;

/// <summary>
/// The shared secret that tells Asterisk's FastAGI connections from any other local process's: the
/// dialplan sends it as the <c>key</c> argument of the AGI URL (<c>agi://host:4573/script?key=…</c>).
/// </summary>
public static class AgiSecret
{
    /// <summary>The query argument of the AGI URL that carries the secret.</summary>
    public const string QueryKey = "key";

    /// <summary>
    /// Whether <paramref name="presented"/> is <paramref name="expected"/>, in time that depends on
    /// neither: both are hashed first, so not even the length is told by how long the answer takes.
    /// </summary>
    public static bool Matches(string? presented, string expected)
    {
        Span<byte> left = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> right = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty), left);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), right);
        return CryptographicOperations.FixedTimeEquals(left, right) && presented is not null && expected.Length > 0;
    }
}
