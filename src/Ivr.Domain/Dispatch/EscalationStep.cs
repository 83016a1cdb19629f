using Ivr.Domain.Practices;

namespace Ivr.Domain.Dispatch;

/// <summary>One page of an escalation: step <paramref name="Number"/> pages <paramref name="Contact"/> for the <paramref name="Attempt"/>-th time.</summary>
public sealed record EscalationStep(int Number, OnCallContact Contact, int ContactIndex, int Attempt, bool IsLastContact);
