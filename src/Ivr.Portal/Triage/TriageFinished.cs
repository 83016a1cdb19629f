using Ivr.Domain.Messages;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Triage;

/// <summary>What finishing a triage saved: the kept triage, the practice's message, its urgency and whether the physician reviews it.</summary>
public sealed record TriageFinished(long TriageId, long MessageId, Urgency Urgency, Disposition Final, bool NeedsPhysicianReview, DateTimeOffset At);
