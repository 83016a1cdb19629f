namespace Ivr.Asterisk.Ami;

/// <summary>A change of the client's connection.</summary>
/// <param name="State">The new state.</param>
/// <param name="Gap">For a reconnect, how long the client was without a connection (events in that time were missed: resynchronise).</param>
/// <param name="Attempts">For a reconnect, how many attempts it took.</param>
/// <param name="Error">For a disconnect, why.</param>
public sealed record AmiConnectionEventArgs(AmiConnectionState State, TimeSpan Gap, int Attempts, Exception? Error);
