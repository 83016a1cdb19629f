using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Ivr.Domain.Reports;
using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Reports;

/// <summary>
/// The one way the portal reaches reports: the supervisor sees every practice's (together or one),
/// a practice admin their own practice's; clinicians and telecom admins none. Reports hold counts and
/// durations only. Every report, export and refusal is audited.
/// </summary>
public sealed class ReportAccess(IReportStore reports, IDeskReportStore desk, ITriageReportStore triages, IPracticeStore practices, IAuditLog audit, TimeProvider time, ILogger<ReportAccess> logger)
{
    /// <summary>
    /// The report of <paramref name="practiceId"/> (a practice admin's own when null; every practice
    /// for the supervisor) for <paramref name="month"/> (the current one when null), audited as
    /// <paramref name="action"/> (e.g. <c>report.view</c>, <c>report.billing</c>).
    /// </summary>
    public async Task<ReportLookup> OpenAsync(PortalIdentity who, string? practiceId, ReportMonth? month, string action, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(practiceId))
        {
            practiceId = who.Role == PortalRole.Supervisor ? null : who.PracticeId;
        }

        if (!who.CanSeeReportsOf(practiceId))
        {
            logger.LogWarning("Portal user {Username} ({Role}) was refused the reports of {PracticeId}", who.Username, PortalRoles.Name(who.Role), practiceId ?? "every practice");
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "report.denied", "report", practiceId ?? "*", $"refused {action}: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}"), cancellationToken);
            return new ReportLookup(LookupStatus.Denied);
        }

        var all = await practices.ListAsync(cancellationToken);
        Practice? practice = null;
        if (practiceId is not null && (practice = all.FirstOrDefault(p => p.Id == practiceId)) is null)
        {
            return new ReportLookup(LookupStatus.NotFound);
        }

        var clock = practice?.Clock();
        var shown = month ?? ReportMonth.Containing(time.GetUtcNow(), clock);
        var (from, until) = shown.Span(clock);
        var report = MonthlyReport.Build(
            shown,
            clock,
            await reports.CallsAsync(practiceId, from, until, cancellationToken),
            await reports.MessagesAsync(practiceId, from, until, cancellationToken));
        if (practice is null)
        {
            report = report with { Billing = await LocalBillingAsync(shown, all, report.Billing, cancellationToken) };
        }

        var deskReport = await DeskAsync(shown, practice, all, from, until, cancellationToken);
        var triageReport = await TriageAsync(shown, practice, all, cancellationToken);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, action, "report", practiceId ?? "*", $"{shown} of {practiceId ?? "every practice"}: {report.Calls} call(s)"), cancellationToken);
        return new ReportLookup(LookupStatus.Found, report, practice, all.ToDictionary(p => p.Id, p => p.Name), deskReport, triageReport);
    }

    /// <summary>
    /// Every practice's bill for <paramref name="month"/> as it knows the month: from midnight of the
    /// first in its own zone, not in UTC, so the rows match the practice's own report. Calls under no
    /// practice (unknown numbers) keep the UTC month of <paramref name="utcBilling"/>.
    /// </summary>
    private async Task<IReadOnlyList<PracticeBilling>> LocalBillingAsync(ReportMonth month, IReadOnlyList<Practice> all, IReadOnlyList<PracticeBilling> utcBilling, CancellationToken cancellationToken)
    {
        var calls = new List<ReportCall>();
        foreach (var practice in all)
        {
            var (from, until) = month.Span(practice.Clock());
            calls.AddRange(await reports.CallsAsync(practice.Id, from, until, cancellationToken));
        }

        var known = all.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return [.. PracticeBilling.Of(calls).Concat(utcBilling.Where(b => !known.Contains(b.PracticeId))).OrderBy(b => b.PracticeId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The desk's figures for <paramref name="month"/>: of <paramref name="practice"/> in its zone, or of every
    /// practice each in its own zone (as billing is), each practice measured against its own target. Operator
    /// occupancy only in the report of every practice (operators answer for all of them), over the month in
    /// UTC up to now.
    /// </summary>
    private async Task<DeskReport> DeskAsync(ReportMonth month, Practice? practice, IReadOnlyList<Practice> all, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var calls = new List<DeskCallFact>();
        foreach (var each in practice is null ? all : [practice])
        {
            var (start, end) = month.Span(each.Clock());
            calls.AddRange(await desk.CallsAsync(each.Id, start, end, cancellationToken));
        }

        var targets = all.ToDictionary(p => p.Id, p => p.Desk.ServiceLevelTarget, StringComparer.Ordinal);
        ServiceLevelTarget TargetOf(string id) => targets.GetValueOrDefault(id) ?? ServiceLevelTarget.Default;
        if (practice is not null)
        {
            return DeskReport.Build(calls, TargetOf, [], [], from, from);
        }

        var now = time.GetUtcNow();
        var lived = until < now ? until : now;
        return DeskReport.Build(
            calls,
            TargetOf,
            await desk.StatusChangesAsync(from, lived, cancellationToken),
            await desk.HandledAsync(from, lived, cancellationToken),
            from,
            lived);
    }

    /// <summary>
    /// Nurse triage in <paramref name="month"/>: of <paramref name="practice"/> in its zone, or of every practice each in its
    /// own zone (as the desk and billing are), a triage counted in the month it was completed.
    /// </summary>
    private async Task<TriageReport> TriageAsync(ReportMonth month, Practice? practice, IReadOnlyList<Practice> all, CancellationToken cancellationToken)
    {
        var rows = new List<TriageReportRow>();
        foreach (var each in practice is null ? all : [practice])
        {
            var (start, end) = month.Span(each.Clock());
            rows.AddRange(await triages.TriagesAsync(each.Id, start, end, cancellationToken));
        }

        return TriageReport.Build(rows);
    }
}
