namespace Ivr.Asterisk.Ami;

/// <summary>
/// One AMI message as it came: headers in order, duplicates kept (ChanVariable, Output, Variable),
/// empty values kept, names looked up without regard to case (Asterisk spells Uniqueid both ways).
/// </summary>
public sealed class AmiMessage
{
    /// <summary>Creates a message from its headers; the first header decides the kind.</summary>
    /// <exception cref="AmiProtocolException">The first header is not Response, Event or Action.</exception>
    public AmiMessage(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        if (headers.Count == 0)
        {
            throw new AmiProtocolException("An AMI message needs at least one header.");
        }

        Headers = headers;
        var first = headers[0].Key;
        Kind = first.Equals("Event", StringComparison.OrdinalIgnoreCase) ? AmiMessageKind.Event
            : first.Equals("Response", StringComparison.OrdinalIgnoreCase) ? AmiMessageKind.Response
            : first.Equals("Action", StringComparison.OrdinalIgnoreCase) ? AmiMessageKind.Action
            : throw new AmiProtocolException($"An AMI message must start with Response, Event or Action, not '{first}'.");
        Name = headers[0].Value;
    }

    /// <summary>Response, Event or Action.</summary>
    public AmiMessageKind Kind { get; }

    /// <summary>The value of the first header: the event name, the response status or the action name.</summary>
    public string Name { get; }

    /// <summary>Every header in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The first value of a header, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var header in Headers)
            {
                if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The ActionID, or null.</summary>
    public string? ActionId => this["ActionID"];

    /// <summary>True for a Response whose status is Success (or Goodbye/Follows, which are not errors).</summary>
    public bool IsSuccess => Kind == AmiMessageKind.Response && !Name.Equals("Error", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this is the event named <paramref name="name"/>.</summary>
    public bool IsEvent(string name) => Kind == AmiMessageKind.Event && Name.Equals(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every value of a header, in order (e.g. all <c>Output</c> lines of a Command response).</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var values = new List<string>();
        foreach (var header in Headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(header.Value);
            }
        }

        return values;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Name}" + (ActionId is { } id ? $" ({id})" : string.Empty);
}
