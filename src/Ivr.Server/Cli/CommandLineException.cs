namespace Ivr.Server.Cli;

/// <summary>The command line was wrong; the message says how.</summary>
public sealed class CommandLineException(string message) : Exception(message);
