using Ivr.Domain.Reports;

namespace Ivr.Portal.Reports;

/// <summary>A month's report in the API: <c>callsPerDay[0]</c> is the 1st, <c>callsPerHour[0]</c> 00:00-01:00, in <c>timeZone</c>; <c>desk</c> is the operator desk's month, <c>triage</c> nurse triage's.</summary>
public sealed record ReportJson(
    string Month,
    string? PracticeId,
    string TimeZone,
    int Calls,
    IReadOnlyList<int> CallsPerDay,
    IReadOnlyList<int> CallsPerHour,
    int AfterHoursCalls,
    int Messages,
    DurationStats TimeToAcknowledge,
    DurationStats TimeToContact,
    int Escalations,
    IReadOnlyList<ReportBillingJson> Billing,
    string BillingRule,
    DeskReportJson Desk,
    TriageReportJson Triage)
{
    public static ReportJson From(ReportLookup lookup)
    {
        var r = lookup.Report!;
        return new(
            r.Month.ToString(),
            lookup.Practice?.Id,
            lookup.Zone,
            r.Calls,
            r.CallsPerDay,
            r.CallsPerHour,
            r.AfterHoursCalls,
            r.Messages,
            r.TimeToAcknowledge,
            r.TimeToContact,
            r.Escalations,
            r.Billing.Select(b => new ReportBillingJson(b.PracticeId, lookup.Name(b.PracticeId), b.Calls, b.BillableSeconds, b.BillableMinutes)).ToArray(),
            Ivr.Domain.Reports.BillingRule.Description,
            DeskReportJson.From(lookup),
            TriageReportJson.From(lookup.Triage!));
    }
}

/// <summary>One practice's billing line in the API.</summary>
public sealed record ReportBillingJson(string PracticeId, string PracticeName, int Calls, int BillableSeconds, int BillableMinutes);
