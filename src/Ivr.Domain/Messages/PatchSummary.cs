namespace Ivr.Domain.Messages;

/// <summary>
/// A short summary of a call an operator patched to a clinician, for that clinician to acknowledge afterwards. The
/// practice and the caller's number are the message's own (<see cref="PatientMessage.PracticeId"/>,
/// <see cref="PatientMessage.CallerId"/>). The store keeps every field but <paramref name="ClinicianId"/> and
/// <paramref name="OperatorName"/> (staff, not patient data) encrypted.
/// </summary>
/// <param name="ClinicianId">The clinician who took the patch (pressed 1): the one the summary is for.</param>
/// <param name="OperatorName">The operator who patched the call (their user name).</param>
/// <param name="CallStartedAt">When the call came in.</param>
/// <param name="ClinicianJoinedAt">When the clinician joined the caller.</param>
/// <param name="ClinicianOnCall">How long the clinician was on the call.</param>
/// <param name="TypedMessageId">The message the operator typed for this call, if any.</param>
/// <param name="TypedReason">That message's reason line; null without one.</param>
public sealed record PatchSummary(
    string ClinicianId,
    string OperatorName,
    DateTimeOffset CallStartedAt,
    DateTimeOffset ClinicianJoinedAt,
    TimeSpan ClinicianOnCall,
    long? TypedMessageId,
    string? TypedReason);
