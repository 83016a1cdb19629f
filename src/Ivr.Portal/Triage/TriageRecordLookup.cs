using Ivr.Domain.Practices;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Triage;

/// <summary>A kept triage a user asked to read, when they may: the record (its pathway decrypted) and its practice (null if since removed).</summary>
public sealed record TriageRecordLookup(LookupStatus Status, TriageRecord? Record = null, Practice? Practice = null);
