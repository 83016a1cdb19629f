using Ivr.Domain.Messages;

namespace Ivr.Portal.Messages;

/// <summary>A patched call's summary in a message's JSON: patient data (with the message's caller id), served only where the message itself is.</summary>
/// <param name="ClinicianId">The clinician who took the patch: the one the summary is for.</param>
/// <param name="OperatorName">The operator who patched the call.</param>
/// <param name="CallStartedAt">When the call came in.</param>
/// <param name="ClinicianJoinedAt">When the clinician joined.</param>
/// <param name="ClinicianSeconds">How long the clinician was on the call, in whole seconds.</param>
/// <param name="TypedMessageId">The message the operator typed for the call, if any.</param>
/// <param name="TypedReason">Its reason line.</param>
public sealed record PatchSummaryJson(string ClinicianId, string OperatorName, DateTimeOffset CallStartedAt, DateTimeOffset ClinicianJoinedAt, int ClinicianSeconds, long? TypedMessageId, string? TypedReason)
{
    /// <summary>The summary in <paramref name="summary"/>; null for a message a caller left.</summary>
    public static PatchSummaryJson? From(PatchSummary? summary) =>
        summary is null ? null : new(summary.ClinicianId, summary.OperatorName, summary.CallStartedAt, summary.ClinicianJoinedAt, (int)summary.ClinicianOnCall.TotalSeconds, summary.TypedMessageId, summary.TypedReason);
}
