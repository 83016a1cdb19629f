using System.Security.Cryptography;
using System.Text;

namespace Ivr.Domain.Accounts;

/// <summary>The random 256-bit value a session cookie carries, and the hash the store keeps of it.</summary>
public static class SessionToken
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
