using Ivr.Asterisk.Ami;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The service's outgoing calls run their FastAGI script through the dialplan (context <c>ivr-originate</c>,
/// extension <c>agi</c>, which runs <c>AGI(${IVR_ORIGINATE_AGI})</c>), not as Originate's application:
/// Asterisk lets an AMI user originate into the AGI application only with the <c>system</c> class, which
/// also opens the shell; the service's AMI user has no <c>system</c> (docs/security.md, "Least privilege").
/// </summary>
public static class DialplanAgi
{
    public const string Context = "ivr-originate";

    public const string Extension = "agi";

    public const string Variable = "IVR_ORIGINATE_AGI";

    /// <summary>Sends the answered channel to the dialplan, which runs <paramref name="agiUrl"/> (it must hold no comma).</summary>
    public static AmiAction RunningAgi(this AmiAction originate, string agiUrl)
    {
        ArgumentNullException.ThrowIfNull(originate);
        if (agiUrl.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException("Asterisk splits an Originate variable at commas", nameof(agiUrl));
        }

        return originate.Add("Context", Context).Add("Exten", Extension).Add("Priority", "1").Add("Variable", $"{Variable}={agiUrl}");
    }
}
