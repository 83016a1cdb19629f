namespace Ivr.Asterisk.Agi;

/// <summary>Runs one call's AGI script. The token is cancelled when the server stops or the session deadline passes.</summary>
public delegate Task AgiScriptHandler(AgiChannel channel, CancellationToken cancellationToken);
