namespace Ivr.Data;

/// <summary>The database or the key is not usable as configured; the message says how to fix it.</summary>
public sealed class DataException(string message, Exception? inner = null) : Exception(message, inner);
