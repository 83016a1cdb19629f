namespace Ivr.Asterisk.Ami;

/// <summary>
/// Turns AMI lines into messages. Pure and resumable: feed it lines (CR already stripped, as
/// <see cref="Text.LineScanner"/> gives them). The banner line is recognised and kept apart; a
/// message ends at an empty line; legacy <c>Response: Follows</c> output (Asterisk 13 and older)
/// is kept as <c>Output</c> headers so text with colons in it is not mistaken for headers.
/// </summary>
public sealed class AmiMessageReader
{
    /// <summary>The prefix of the line Asterisk sends first on every connection.</summary>
    public const string BannerPrefix = "Asterisk Call Manager/";

    private const string EndCommand = "--END COMMAND--";
    private readonly int _maxHeaders;
    private List<KeyValuePair<string, string>> _headers = [];
    private bool _expectBanner = true;
    private bool _legacyFollows;
    private bool _legacyOutputStarted;

    /// <summary>Creates a reader that refuses messages of more than <paramref name="maxHeaders"/> lines.</summary>
    public AmiMessageReader(int maxHeaders = 100_000) => _maxHeaders = maxHeaders;

    /// <summary>The banner, once seen (e.g. <c>Asterisk Call Manager/11.0.0</c>).</summary>
    public string? Banner { get; private set; }

    /// <summary>The AMI version from the banner, once seen.</summary>
    public string? Version => Banner?[BannerPrefix.Length..];

    /// <summary>Lines that were not <c>Key: Value</c>; kept under an empty key so nothing is lost.</summary>
    public long MalformedLines { get; private set; }

    /// <summary>Consumes one line; returns a message when the line completes one.</summary>
    /// <exception cref="AmiProtocolException">A message grew past the header limit, or a message does not start with Response, Event or Action.</exception>
    public AmiMessage? Feed(string line)
    {
        if (_expectBanner)
        {
            _expectBanner = false;
            if (line.StartsWith(BannerPrefix, StringComparison.Ordinal))
            {
                Banner = line;
                return null;
            }
        }

        if (line.Length == 0)
        {
            return _headers.Count == 0 ? null : Complete();
        }

        if (_headers.Count >= _maxHeaders)
        {
            _headers = [];
            _legacyFollows = false;
            _legacyOutputStarted = false;
            throw new AmiProtocolException($"An AMI message has more than {_maxHeaders} lines.");
        }

        if (_legacyFollows && !IsLegacyPreambleHeader(line))
        {
            _legacyOutputStarted = true;
            if (line.EndsWith(EndCommand, StringComparison.Ordinal))
            {
                // Older builds glue the marker to the last output line.
                var text = line[..^EndCommand.Length];
                if (text.Length > 0)
                {
                    _headers.Add(new("Output", text));
                }

                _legacyFollows = false;
                return null;
            }

            _headers.Add(new("Output", line));
            return null;
        }

        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            MalformedLines++;
            _headers.Add(new(string.Empty, line));
            return null;
        }

        var valueStart = colon + 1;
        while (valueStart < line.Length && line[valueStart] == ' ')
        {
            valueStart++;
        }

        var key = line[..colon];
        var value = line[valueStart..];
        _headers.Add(new(key, value));
        if (_headers.Count == 1 && key.Equals("Response", StringComparison.OrdinalIgnoreCase) && value.Equals("Follows", StringComparison.OrdinalIgnoreCase))
        {
            _legacyFollows = true;
        }

        return null;
    }

    /// <summary>In a legacy Follows response, Privilege and ActionID stand before the raw output.</summary>
    private bool IsLegacyPreambleHeader(string line) =>
        !_legacyOutputStarted
        && (line.StartsWith("Privilege:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("ActionID:", StringComparison.OrdinalIgnoreCase));

    private AmiMessage Complete()
    {
        var headers = _headers;
        _headers = [];
        _legacyFollows = false;
        _legacyOutputStarted = false;
        return new AmiMessage(headers);
    }
}
