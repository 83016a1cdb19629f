using Ivr.Domain.Calls;

namespace Ivr.Portal.Calls;

/// <summary>A call a user asked for, when they may have it; the caller id is blanked for roles that see no patient data.</summary>
public sealed record CallLookup(LookupStatus Status, CallRecord? Call = null);
