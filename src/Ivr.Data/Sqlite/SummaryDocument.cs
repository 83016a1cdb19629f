using System.Text.Json;
using Ivr.Domain.Messages;

namespace Ivr.Data;

/// <summary>
/// What a patched call's summary says, as the one JSON value <c>messages.summary_enc</c> holds encrypted. The clinician
/// and the operator live in plain columns of their own (staff, and the clinician is who the summary is for).
/// </summary>
internal sealed record SummaryDocument(DateTimeOffset CallStartedAt, DateTimeOffset ClinicianJoinedAt, double ClinicianOnCallSeconds, long? TypedMessageId, string? TypedReason)
{
    public static string Write(PatchSummary summary) => JsonSerializer.Serialize(new SummaryDocument(
        summary.CallStartedAt.ToUniversalTime(),
        summary.ClinicianJoinedAt.ToUniversalTime(),
        summary.ClinicianOnCall.TotalSeconds,
        summary.TypedMessageId,
        summary.TypedReason));

    public static PatchSummary Read(string json, string clinicianId, string operatorName)
    {
        var document = JsonSerializer.Deserialize<SummaryDocument>(json) ?? throw new DataException("A summary's content is empty.");
        return new PatchSummary(
            clinicianId,
            operatorName,
            document.CallStartedAt,
            document.ClinicianJoinedAt,
            TimeSpan.FromSeconds(document.ClinicianOnCallSeconds),
            document.TypedMessageId,
            document.TypedReason);
    }
}
