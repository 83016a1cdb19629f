using Ivr.Domain.Live;

namespace Ivr.Portal.Live;

/// <summary>The live view for one user: refused (<see cref="LookupStatus.Denied"/>), or the calls and the desk they may see (with the practices' names).</summary>
public sealed record LiveLookup(LookupStatus Status, LiveSnapshot? Snapshot = null, LiveDesk? Desk = null, IReadOnlyDictionary<string, string>? Names = null);
