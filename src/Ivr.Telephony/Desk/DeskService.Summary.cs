using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>
/// After a patched call, the clinician who took it gets a short summary to acknowledge: made when the desk lets the call
/// go (the caller's line ended and the operator released it, whichever came last), so a message the operator finished
/// typing after the caller left is named in it. Saved once per call; dispatch emails the clinician a notice and a link.
/// </summary>
public sealed partial class DeskService
{
    /// <summary>Saves the summary of <paramref name="call"/> if a clinician took its patch; a failure is logged, never thrown (the call is over either way).</summary>
    private async Task SummaryAsync(DeskCallState call)
    {
        string? clinician;
        string? operatorName;
        DateTimeOffset? joined;
        DateTimeOffset? ended;
        long? typedId;
        lock (_gate)
        {
            clinician = call.ClinicianId;
            operatorName = call.PatchedBy ?? call.Operator;
            joined = call.ClinicianJoinedAt;
            ended = call.PatchEndedAt;
            typedId = call.MessageId;
        }

        if (clinician is null || operatorName is null || joined is not { } joinedAt)
        {
            return;
        }

        var recordId = call.Caller.CallRecordId;
        try
        {
            var now = time.GetUtcNow();
            var record = await calls.GetAsync(recordId, CancellationToken.None);
            var startedAt = record?.StartedAt is { } started && started <= joinedAt ? started : call.Caller.At;
            var onCall = (ended ?? now) - joinedAt;
            var reason = typedId is { } id ? (await messages.GetAsync(id, CancellationToken.None))?.Typed?.Reason : null;
            var summary = new PatchSummary(clinician, operatorName, startedAt, joinedAt, onCall < TimeSpan.Zero ? TimeSpan.Zero : onCall, typedId, reason);
            var message = DeskSummary.Of(recordId, call.Caller.Practice.Id, call.Caller.CallerNumber, summary, now);
            var (summaryId, created) = await messages.SaveOnceAsync(ReceivedMessage.Of(message), CancellationToken.None);
            if (!created)
            {
                return;
            }

            logger.LogInformation("Call {CallId}: summary message {MessageId} of operator {Operator}'s patch saved for clinician {Clinician}", recordId, summaryId, operatorName, clinician);
            await TimelineAsync(recordId, now, "desk-summary", $"summary message {summaryId} sent to {clinician}, of the call operator {operatorName} patched");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Call {CallId}: the summary for clinician {Clinician} could not be saved", recordId, clinician);
        }
    }
}
