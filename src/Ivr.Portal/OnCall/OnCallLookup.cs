using Ivr.Domain.Practices;

namespace Ivr.Portal.OnCall;

/// <summary>A practice's on-call schedule a user asked for, when they may see it.</summary>
public sealed record OnCallLookup(LookupStatus Status, Practice? Practice = null);
