namespace Ivr.Asterisk.Agi;

/// <summary>
/// The <c>agi_*</c> environment Asterisk sends when a FastAGI connection opens, with the
/// script path and query split out for routing.
/// </summary>
public sealed class AgiRequest
{
    private readonly IReadOnlyDictionary<string, string> _values;

    /// <summary>Creates a request from the environment variables, keyed without the <c>agi_</c> prefix.</summary>
    public AgiRequest(IReadOnlyDictionary<string, string> values)
    {
        _values = values;
        var networkScript = Get("network_script") ?? string.Empty;
        var question = networkScript.IndexOf('?');
        Script = (question < 0 ? networkScript : networkScript[..question]).Trim('/');
        Query = ParseQuery(question < 0 ? string.Empty : networkScript[(question + 1)..]);
        Arguments = values.Keys
            .Where(k => k.StartsWith("arg_", StringComparison.Ordinal) && int.TryParse(k.AsSpan(4), out _))
            .OrderBy(k => int.Parse(k.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture))
            .Select(k => values[k])
            .ToArray();
    }

    /// <summary>The script path from the AGI URL, without slashes or query (<c>agi://host/inbound?x=1</c> → <c>inbound</c>).</summary>
    public string Script { get; }

    /// <summary>The URL query, decoded; later keys win.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The AGI() application's arguments after the URL, in order.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Every environment variable, keyed without the <c>agi_</c> prefix.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The channel name, e.g. <c>PJSIP/sipp-00000001</c>.</summary>
    public string Channel => Get("channel") ?? string.Empty;

    /// <summary>The channel's unique id: the key that ties this session to AMI events and the call record.</summary>
    public string UniqueId => Get("uniqueid") ?? string.Empty;

    /// <summary>Caller id number, or null when Asterisk reports <c>unknown</c>.</summary>
    public string? CallerIdNumber => Known(Get("callerid"));

    /// <summary>Caller id name, or null when Asterisk reports <c>unknown</c>.</summary>
    public string? CallerIdName => Known(Get("calleridname"));

    /// <summary>The dialed number identification, or null when unknown.</summary>
    public string? Dnid => Known(Get("dnid"));

    /// <summary>The dialplan extension that ran AGI().</summary>
    public string Extension => Get("extension") ?? string.Empty;

    /// <summary>The dialplan context that ran AGI().</summary>
    public string Context => Get("context") ?? string.Empty;

    /// <summary>The channel's language, e.g. <c>en</c>.</summary>
    public string Language => Get("language") ?? "en";

    /// <summary>The Asterisk version string.</summary>
    public string Version => Get("version") ?? string.Empty;

    /// <summary>A variable by name without the <c>agi_</c> prefix, or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    private static string? Known(string? value) =>
        string.IsNullOrEmpty(value) || value.Equals("unknown", StringComparison.OrdinalIgnoreCase) ? null : value;

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            result[key] = value;
        }

        return result;
    }
}
