namespace Ivr.Domain.Practices;

/// <summary>A typed greeting could not be made into audio Asterisk can play; the message says why, for the person who typed it.</summary>
public sealed class GreetingRenderException(string message, Exception? inner = null) : Exception(message, inner);
