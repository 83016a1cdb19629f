using System.Security.Cryptography;

namespace Ivr.Domain.Desk;

/// <summary>
/// The Asterisk endpoint the service provisions for an operator (<c>ivr operator add NAME --softphone</c>):
/// named <c>op-</c> and the username, which is also its SIP user name, its credentials' user name and
/// its registration's address of record, and rung by the desk as <c>PJSIP/op-NAME</c>.
/// </summary>
public static class OperatorEndpoint
{
    /// <summary>What every provisioned endpoint's name starts with, so none can take a pjsip.conf one's.</summary>
    public const string Prefix = "op-";

    /// <summary>Letters and digits of a softphone password (about 190 bits): never typed, never shown.</summary>
    public const int PasswordLength = 32;

    private const string PasswordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// Why <paramref name="username"/> cannot name a SIP endpoint, or null when it can. Usernames may
    /// hold <c>@</c>, which would end a SIP URI's user part; only lower-case letters, digits and
    /// <c>. _ -</c> pass, so the name goes into a URI, a dial string and the dialplan unescaped.
    /// </summary>
    public static string? Problem(string username) =>
        username.Length is > 0 and <= 64
        && username.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-')
        && username[0] is not ('.' or '-')
            ? null
            : $"'{username}' cannot be a softphone's SIP user name: use lower-case letters, digits and . _ - only, starting with a letter or digit";

    /// <summary>The endpoint's name (and SIP user name) for <paramref name="username"/>.</summary>
    public static string Name(string username) => Prefix + username;

    /// <summary>The dial string the desk rings <paramref name="username"/>'s softphone on.</summary>
    public static string DialString(string username) => "PJSIP/" + Name(username);

    /// <summary>Whether <paramref name="phone"/> is the provisioned softphone of <paramref name="username"/>.</summary>
    public static bool IsSoftphone(string username, string? phone) =>
        string.Equals(phone, DialString(username), StringComparison.Ordinal);

    /// <summary>A fresh random password (letters and digits, <see cref="PasswordLength"/> of them).</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, PasswordLength);
}
