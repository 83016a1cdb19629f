namespace Ivr.Asterisk.Agi;

/// <summary>Chooses the handler for a session by the script path of its AGI URL.</summary>
public sealed class AgiRouter
{
    private readonly Dictionary<string, AgiScriptHandler> _routes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps a script path (<c>agi://host/PATH?query</c>) to a handler.</summary>
    public AgiRouter Map(string script, AgiScriptHandler handler)
    {
        _routes[script.Trim('/')] = handler;
        return this;
    }

    /// <summary>Handler for scripts nobody mapped; without one such sessions are closed at once.</summary>
    public AgiScriptHandler? Fallback { get; set; }

    /// <summary>The handler for a request, or null.</summary>
    public AgiScriptHandler? Resolve(AgiRequest request) =>
        _routes.TryGetValue(request.Script, out var handler) ? handler : Fallback;
}
