using Ivr.Domain.Live;

namespace Ivr.Portal.Live;

/// <summary>The live view for one user: refused (<see cref="LookupStatus.Denied"/>), or the calls they may see.</summary>
public sealed record LiveLookup(LookupStatus Status, LiveSnapshot? Snapshot = null);
