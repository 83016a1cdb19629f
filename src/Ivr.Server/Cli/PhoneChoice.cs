using Ivr.Domain.Desk;
using Ivr.Domain.Practices;

namespace Ivr.Server.Cli;

/// <summary>
/// The phone asked for on the command line (<c>--phone</c>, <c>--softphone</c> or <c>--none</c>, one
/// at most): the dial string the desk rings (null for none) and whether it is the desk page's softphone.
/// </summary>
internal sealed record PhoneChoice(string? DialString, bool IsSoftphone)
{
    /// <summary>Checks the options for <paramref name="username"/>; refuses two at once, a bad dial string, and a softphone for a name no SIP user may have.</summary>
    /// <exception cref="CommandLineException">The options cannot be followed.</exception>
    public static PhoneChoice Read(string username, string? phone, bool softphone, bool none)
    {
        if ((phone is not null ? 1 : 0) + (softphone ? 1 : 0) + (none ? 1 : 0) > 1)
        {
            throw new CommandLineException("Give one of --phone, --softphone and --none.");
        }

        if (phone is not null && PracticeRules.DialString("--phone", phone) is { } problem)
        {
            throw new CommandLineException(problem + ".");
        }

        if (softphone && OperatorEndpoint.Problem(username) is { } unsafeName)
        {
            throw new CommandLineException(unsafeName + ".");
        }

        return softphone ? new PhoneChoice(OperatorEndpoint.DialString(username), true) : new PhoneChoice(phone, false);
    }
}
