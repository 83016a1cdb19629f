using Ivr.Asterisk.Agi;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The FastAGI URL a channel the service originates runs (<see cref="ConferenceOptions.AgiBase"/>),
/// with the shared key the FastAGI server asks of every session, as the dialplan sends it.
/// </summary>
public sealed class AgiScriptUrl(IOptions<ConferenceOptions> conference, IOptions<FastAgiServerOptions> fastAgi)
{
    /// <summary>This process's FastAGI address as Asterisk reaches it (<c>agi://HOST:PORT</c>), the name its desk goes by among the processes.</summary>
    public string Base => conference.Value.AgiBase.TrimEnd('/');

    /// <summary><c>AGIBASE/SCRIPT?key=SECRET&amp;QUERY</c>; the query's values are escaped by the caller.</summary>
    public string For(string script, string query)
    {
        var secret = fastAgi.Value.Secret;
        var key = string.IsNullOrEmpty(secret) ? string.Empty : $"{AgiSecret.QueryKey}={Uri.EscapeDataString(secret)}&";
        return $"{Base}/{script}?{key}{query}";
    }
}
