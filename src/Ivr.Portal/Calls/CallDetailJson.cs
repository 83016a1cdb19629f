using Ivr.Domain.Calls;
using Ivr.Portal.Messages;

namespace Ivr.Portal.Calls;

/// <summary>One call in the API: its record, every state and decision, the legs rung, and the messages it left (without their patient data).</summary>
public sealed record CallDetailJson(CallRecord Call, IReadOnlyList<CallEvent> Events, IReadOnlyList<BridgeLeg> Legs, IReadOnlyList<MessageSummaryJson> Messages);
