using Ivr.Domain.Messages;

namespace Ivr.Domain.Desk;

/// <summary>
/// The message that tells the clinician who took a patch what the call was: addressed to them alone, sent when the
/// call ends, acknowledged like any message. Routine: the clinician spoke to the caller already, so nothing pages or
/// escalates; dispatch emails them a notice with a link.
/// </summary>
public static class DeskSummary
{
    /// <summary>
    /// The summary of call record <paramref name="callRecordId"/> of <paramref name="practiceId"/>, from
    /// <paramref name="callerNumber"/> (null when withheld), made at <paramref name="at"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No clinician or operator is named, the clinician joined before the call came in, the time on the call is negative, or a reason comes without its message.</exception>
    public static PatientMessage Of(long callRecordId, string practiceId, string? callerNumber, PatchSummary summary, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(practiceId);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary.ClinicianId, nameof(summary));
        ArgumentException.ThrowIfNullOrWhiteSpace(summary.OperatorName, nameof(summary));
        if (summary.ClinicianJoinedAt < summary.CallStartedAt)
        {
            throw new ArgumentException("The clinician cannot join before the call came in.", nameof(summary));
        }

        if (summary.ClinicianOnCall < TimeSpan.Zero)
        {
            throw new ArgumentException("The time on the call cannot be negative.", nameof(summary));
        }

        if (summary.TypedMessageId is null && summary.TypedReason is not null)
        {
            throw new ArgumentException("A reason line comes from the typed message it names.", nameof(summary));
        }

        return new PatientMessage
        {
            CallId = callRecordId,
            PracticeId = practiceId,
            Urgency = Urgency.Routine,
            CallerId = string.IsNullOrWhiteSpace(callerNumber) ? null : callerNumber,
            ReceivedAt = at,
            Summary = summary with { ClinicianId = summary.ClinicianId.Trim(), OperatorName = summary.OperatorName.Trim() },
        };
    }
}
