using System.Globalization;
using Ivr.Domain.Messages;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Dispatch;

/// <summary>
/// Gets every message to someone who acknowledges it. Urgent messages page the on-call chain at
/// once and escalate by the practice's policy until acknowledged; routine ones go out in the morning
/// report at the practice's next opening, and escalate like urgent ones when nobody has acknowledged
/// them <see cref="DispatchOptions.RoutineGrace"/> after that report was due. A patched call's summary is emailed
/// to its one clinician and never pages or escalates. All state is in
/// <see cref="IDispatchStore"/>: the dispatcher keeps only which of its own steps are running, so a
/// restart (or a second process) resumes where the database says, and a step claimed once is never
/// run again. A morning report also counts the practice's outbound campaigns' unconfirmed patients
/// (<see cref="MorningReport.Campaigns"/>) when <c>campaigns</c> is given, in a report of its own on a day with no routine message, and the messages whose EHR hand-off has not
/// gone through when <c>ehr</c> is given.
/// </summary>
public sealed class Dispatcher(
    IDispatchStore store,
    IPracticeStore practices,
    IPracticeDirectory directory,
    IVoicePager pager,
    IEmailSender email,
    IWebhookSender webhooks,
    DispatchOptions options,
    TimeProvider time,
    string owner,
    ICampaignStore? campaigns = null,
    Ivr.Domain.Ehr.IEhrHandoffStore? ehr = null)
{
    /// <summary>Who the message history says dispatched or delivered a message.</summary>
    private const string Actor = "dispatcher";

    /// <summary>
    /// How long after the office opens a day of campaign news alone gets a report of its own: a report of routine
    /// messages due at the opening goes first and carries the campaigns.
    /// </summary>
    public static readonly TimeSpan CampaignReportAfterOpening = TimeSpan.FromMinutes(15);

    /// <summary>How often this process looks for campaign news that no routine message carries.</summary>
    private static readonly TimeSpan CampaignReportCheck = TimeSpan.FromMinutes(1);

    private DateTimeOffset _nextCampaignCheck = DateTimeOffset.MinValue;

    private readonly HashSet<long> _running = [];
    private readonly Lock _gate = new();

    /// <summary>This process's name on leases.</summary>
    public string Owner => owner;

    /// <summary>Starts every due step that is not running here already; returns the work started (its faults are the caller's to log).</summary>
    public async Task<IReadOnlyList<Task>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await store.DueAsync(now, options.MaxConcurrent * 4, cancellationToken).ConfigureAwait(false);
        var started = new List<Task>();
        if (campaigns is not null && TryCampaignCheck(now))
        {
            started.Add(CampaignReportsAsync(campaigns, cancellationToken));
        }

        foreach (var report in due.Where(IsReport).GroupBy(w => w.PracticeId))
        {
            var batch = report.Where(w => TryStart(w.MessageId)).ToList();
            if (batch.Count > 0)
            {
                started.Add(Track(batch.Select(w => w.MessageId), ReportAsync(report.Key, batch, cancellationToken)));
            }
        }

        foreach (var work in due.Where(w => !IsReport(w)))
        {
            if (RunningCount >= options.MaxConcurrent)
            {
                break;
            }

            if (TryStart(work.MessageId))
            {
                started.Add(Track([work.MessageId], ProcessAsync(work, cancellationToken)));
            }
        }

        return started;
    }

    private int RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    private static bool IsReport(DispatchWork work) => work.State == DispatchState.Active && work.Kind == DispatchKind.Report;

    private async Task ProcessAsync(DispatchWork work, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (work.State == DispatchState.New)
        {
            await PlanAsync(work, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (work.Kind == DispatchKind.Summary)
        {
            await SummaryAsync(work, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (work.Kind == DispatchKind.ReportFollowUp)
        {
            await EscalateRoutineAsync(work, cancellationToken).ConfigureAwait(false);
            return;
        }

        await StepAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decides how a new message goes out; an urgent one pages its first contact at once, a summary is sent at once.</summary>
    private async Task PlanAsync(DispatchWork work, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (work.Recipient is not null)
        {
            if (await store.PlanSummaryAsync(work.MessageId, now, cancellationToken).ConfigureAwait(false))
            {
                await SummaryAsync(work with { State = DispatchState.Active, Kind = DispatchKind.Summary, NextStep = 0, NextStepAt = now }, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var practice = await practices.GetAsync(work.PracticeId, cancellationToken).ConfigureAwait(false);
        if (work.Urgency == Urgency.Routine)
        {
            var due = practice is null ? now : MorningReport.DueAt(practice, now) ?? now;
            await store.PlanReportAsync(work.MessageId, due, due + options.RoutineGrace, cancellationToken).ConfigureAwait(false);
            return;
        }

        var escalation = await PlanPagesAsync(work, practice, now, (chain, policy) => store.PlanEscalationAsync(work.MessageId, chain, policy, now, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (escalation is not null)
        {
            await StepAsync(escalation, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A routine message nobody acknowledged by its follow-up (the report's due time plus the grace)
    /// escalates exactly like an urgent one: the chain on call now, the practice's policy, the same steps.
    /// </summary>
    private async Task EscalateRoutineAsync(DispatchWork work, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var practice = await practices.GetAsync(work.PracticeId, cancellationToken).ConfigureAwait(false);
        var escalation = await PlanPagesAsync(work, practice, now, (chain, policy) => store.EscalateRoutineAsync(work.MessageId, chain, policy, now, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (escalation is null)
        {
            return;
        }

        var detail = $"routine message unacknowledged {Describe(options.RoutineGrace)} after the morning report: escalated";
        await store.ChangeAsync(work.MessageId, m => m.Remark(Actor, now, detail), CancellationToken.None).ConfigureAwait(false);
        await StepAsync(escalation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fixes the pages of a message through <paramref name="plan"/> (false when another process did or
    /// someone acknowledged): the on-call chain at <paramref name="now"/> and the practice's policy.
    /// Returns the work of its first step, due now, or null.
    /// </summary>
    private async Task<DispatchWork?> PlanPagesAsync(DispatchWork work, Practice? practice, DateTimeOffset now, Func<IReadOnlyList<OnCallContact>, EscalationPolicy, Task<bool>> plan, CancellationToken cancellationToken)
    {
        var chain = await directory.OnCallChainAsync(work.PracticeId, now, cancellationToken).ConfigureAwait(false);
        var policy = practice?.Escalation ?? EscalationPolicy.Default;
        return await plan(chain, policy).ConfigureAwait(false)
            ? work with { State = DispatchState.Active, Kind = DispatchKind.Escalation, Chain = chain, Policy = policy, NextStep = 0, NextStepAt = now }
            : null;
    }

    private async Task StepAsync(DispatchWork work, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plan = new EscalationPlan(work.Chain, work.Policy);
        var step = plan.Step(work.NextStep);
        var nextDue = plan.NextDue(work.NextStepAt, now);

        // The lease never outlives the next step's due time: a process killed mid-page never makes
        // the next page late. Within this process the running set keeps steps of one message apart.
        var leaseUntil = nextDue > now && nextDue < now + options.Lease ? nextDue : now + options.Lease;
        if (!await store.ClaimStepAsync(work.MessageId, step.Number, nextDue, owner, now, leaseUntil, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var practice = await practices.GetAsync(work.PracticeId, cancellationToken).ConfigureAwait(false);
            var contact = step.Contact;
            await store.ChangeAsync(work.MessageId, m => m.Dispatch(Actor, now, $"step {step.Number}: {contact.ClinicianId}, attempt {step.Attempt}"), cancellationToken).ConfigureAwait(false);
            var notice = new Notice(NoticeKind.UrgentMessageWaiting, work.PracticeId, practice?.Name ?? "the answering service", [work.MessageId], step.Number, now);
            var sends = new List<Task>();
            if (EmailOf(practice, step) is { } address)
            {
                sends.Add(NotifyAsync([work.MessageId], step.Number, DispatchChannels.Email, contact.ClinicianId, () => email.SendAsync(address, notice, cancellationToken), cancellationToken));
            }

            if (practice is { WebhookUrl.Length: > 0 })
            {
                sends.Add(NotifyAsync([work.MessageId], step.Number, DispatchChannels.Webhook, "practice-webhook", () => webhooks.SendAsync(practice.WebhookUrl, notice, cancellationToken), cancellationToken));
            }

            sends.Add(PageAsync(work, step, cancellationToken));
            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        finally
        {
            await store.ReleaseAsync(work.MessageId, owner, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A patched call's summary goes to its one clinician: an email notice with the link (and the practice's webhook,
    /// once), never a page and never up the chain, since the clinician spoke to the caller already. A failed email is
    /// tried again <see cref="DispatchOptions.ReportRetry"/> later, <see cref="SummaryEmailAttempts"/> times in all;
    /// without an email (or after the last try) the summary waits in the portal, and the history says so.
    /// </summary>
    private async Task SummaryAsync(DispatchWork work, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var clinician = work.Recipient ?? throw new InvalidOperationException($"Summary {work.MessageId} names no clinician.");
        if (!await store.ClaimStepAsync(work.MessageId, work.NextStep, now + options.ReportRetry, owner, now, now + options.Lease, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var over = false;
        try
        {
            var practice = await practices.GetAsync(work.PracticeId, cancellationToken).ConfigureAwait(false);
            var notice = new Notice(NoticeKind.PatchSummary, work.PracticeId, practice?.Name ?? "the answering service", [work.MessageId], 0, now);
            var webhook = work.NextStep == 0 && practice is { WebhookUrl.Length: > 0 }
                ? NotifyAsync([work.MessageId], work.NextStep, DispatchChannels.Webhook, "practice-webhook", () => webhooks.SendAsync(practice.WebhookUrl, notice, cancellationToken), cancellationToken)
                : Task.FromResult(DeliveryResult.Ok("no webhook"));
            var address = SummaryEmailOf(practice, clinician);
            var mail = address is null
                ? null
                : await NotifyAsync([work.MessageId], work.NextStep, DispatchChannels.Email, clinician, () => email.SendAsync(address, notice, cancellationToken), cancellationToken).ConfigureAwait(false);
            await webhook.ConfigureAwait(false);

            var attempts = work.NextStep + 1;
            var detail = mail switch
            {
                null => $"no email for {clinician}: the summary waits in the portal",
                { Accepted: true } => $"summary emailed to {clinician}",
                _ when attempts >= SummaryEmailAttempts => $"the email to {clinician} failed {attempts} times: the summary waits in the portal",
                _ => null,
            };
            if (detail is null)
            {
                // Tried again at the time the claim set.
                return;
            }

            await store.ChangeAsync(work.MessageId, m => m.Dispatch(Actor, now, detail), CancellationToken.None).ConfigureAwait(false);
            if (mail is { Accepted: true })
            {
                await store.ChangeAsync(work.MessageId, m => m.Deliver(Actor, time.GetUtcNow(), detail), CancellationToken.None).ConfigureAwait(false);
            }

            await store.CompleteSummaryAsync(work.MessageId, owner, CancellationToken.None).ConfigureAwait(false);
            over = true;
        }
        finally
        {
            if (!over)
            {
                await store.ReleaseAsync(work.MessageId, owner, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>How many times a summary's email is tried before the summary is left to wait in the portal.</summary>
    public const int SummaryEmailAttempts = 3;

    /// <summary>The clinician's email (a verified one first); for someone who is not the practice's clinician (the supervisor, who ends every chain), the supervisor's.</summary>
    private string? SummaryEmailOf(Practice? practice, string clinicianId)
    {
        if (practice?.Clinician(clinicianId) is { } clinician)
        {
            var contacts = clinician.Contacts.Where(c => c.Kind == ContactKind.Email).ToList();
            return (contacts.FirstOrDefault(c => c.Verified) ?? contacts.FirstOrDefault())?.Address;
        }

        return options.SupervisorEmail.Length > 0 ? options.SupervisorEmail : null;
    }

    private async Task PageAsync(DispatchWork work, EscalationStep step, CancellationToken cancellationToken)
    {
        var attemptId = await store.StartAttemptAsync(work.MessageId, step.Number, DispatchChannels.Voice, step.Contact.ClinicianId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        PageOutcome outcome;
        try
        {
            outcome = await pager.PageAsync(new PageRequest(work.MessageId, attemptId, step.Number, step.Contact, work.PracticeId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            outcome = new PageOutcome("failed", exception.Message);
        }

        // The clinician's side may have closed the attempt already (acknowledged, heard); the first outcome stands.
        await store.FinishAttemptAsync(attemptId, time.GetUtcNow(), outcome.Outcome, outcome.Detail, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Sends one morning report per practice for the routine messages due, to its admins (or the supervisor).</summary>
    private async Task ReportAsync(string practiceId, IReadOnlyList<DispatchWork> batch, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var now = time.GetUtcNow();
        var rows = batch.Select(work =>
        {
            // A report that fails is tried again, but never later than its deadline, when escalation takes over.
            var retry = now + options.ReportRetry;
            if (work.EscalateAt is { } deadline && deadline > now && deadline < retry)
            {
                retry = deadline;
            }

            return new ReportClaim(work.MessageId, work.NextStep, retry);
        }).ToList();
        var claimedIds = (await store.ClaimReportBatchAsync(rows, owner, now, now + options.Lease, cancellationToken).ConfigureAwait(false)).ToHashSet();
        var claimedWork = batch.Where(w => claimedIds.Contains(w.MessageId)).ToList();
        var claimed = claimedWork.Select(w => w.MessageId).ToList();
        if (claimed.Count == 0)
        {
            return;
        }

        var practice = await practices.GetAsync(practiceId, cancellationToken).ConfigureAwait(false);
        var campaignLines = await CampaignLinesAsync(practiceId, cancellationToken).ConfigureAwait(false);
        var notice = new Notice(NoticeKind.MorningReport, practiceId, practice?.Name ?? "the answering service", claimed, 0, now)
        {
            AppointmentRequestIds = [.. claimedWork.Where(w => w.Appointment is not null).Select(w => w.MessageId)],
            Campaigns = campaignLines ?? [],
            EhrUndeliveredIds = ehr is null ? [] : [.. (await ehr.UndeliveredAsync(practiceId, cancellationToken).ConfigureAwait(false)).Select(h => h.MessageId)],
        };
        var recipients = ReportRecipients(practice);
        var delivered = await SendReportAsync(practice, notice, recipients, cancellationToken).ConfigureAwait(false);

        // Only a report that reached someone and counted the campaigns moves the mark: a campaign that ended since is named next time.
        if (delivered.Count > 0 && campaignLines is not null)
        {
            await store.NoteReportAsync(practiceId, now, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var work in claimedWork)
        {
            var messageId = work.MessageId;
            if (delivered.Count > 0 || recipients.Count == 0)
            {
                var detail = delivered.Count > 0
                    ? $"morning report emailed to {string.Join(", ", delivered)}"
                    : $"no staff email configured: the message waits in the portal and escalates unless acknowledged within {Describe(options.RoutineGrace)}";
                await store.ChangeAsync(messageId, m => m.Dispatch(Actor, now, detail), CancellationToken.None).ConfigureAwait(false);
                if (delivered.Count > 0)
                {
                    await store.ChangeAsync(messageId, m => m.Deliver(Actor, time.GetUtcNow(), detail), CancellationToken.None).ConfigureAwait(false);
                }

                await store.CompleteReportAsync(messageId, owner, CancellationToken.None).ConfigureAwait(false);
            }
            else if (work.EscalateAt is { } deadline && deadline <= now)
            {
                // Nobody took it and its time is up: the follow-up, due already, escalates it.
                await store.CompleteReportAsync(messageId, owner, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // Nobody took it: the claim already set the retry time.
                await store.ReleaseAsync(messageId, owner, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Emails a morning report to each of <paramref name="recipients"/> and posts it to the practice's webhook, each send an
    /// attempt on every message it carries (none for campaign news alone); returns the recipients whose server took it.
    /// </summary>
    private async Task<List<string>> SendReportAsync(Practice? practice, Notice notice, IReadOnlyList<(string Recipient, string Address)> recipients, CancellationToken cancellationToken)
    {
        var delivered = new List<string>();
        foreach (var (recipient, address) in recipients)
        {
            var result = await NotifyAsync(notice.MessageIds, 0, DispatchChannels.Email, recipient, () => email.SendAsync(address, notice, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (result.Accepted)
            {
                delivered.Add(recipient);
            }
        }

        if (practice is { WebhookUrl.Length: > 0 })
        {
            await NotifyAsync(notice.MessageIds, 0, DispatchChannels.Webhook, "practice-webhook", () => webhooks.SendAsync(practice.WebhookUrl, notice, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return delivered;
    }

    private bool TryCampaignCheck(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now < _nextCampaignCheck)
            {
                return false;
            }

            _nextCampaignCheck = now + CampaignReportCheck;
            return true;
        }
    }

    /// <summary>
    /// A morning report of campaign news alone, for each practice whose news no routine message carried: its office is
    /// open, it opened (<see cref="CampaignReportAfterOpening"/> ago or more) since the practice's last report, and a
    /// campaign runs or ended since then. One process sends it (the report mark is claimed first); one that reached
    /// nobody gives the mark back, so a later check tries again and the news is never dropped in silence.
    /// </summary>
    private async Task CampaignReportsAsync(ICampaignStore campaignStore, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var now = time.GetUtcNow();
        var all = await practices.ListAsync(cancellationToken).ConfigureAwait(false);
        var started = (await campaignStore.ListAsync([.. all.Select(p => p.Id)], cancellationToken).ConfigureAwait(false)).Where(c => c.State != CampaignState.Draft).ToList();
        foreach (var practice in all.Where(p => started.Any(c => c.PracticeId == p.Id)))
        {
            var last = await store.LastReportAsync(practice.Id, cancellationToken).ConfigureAwait(false);
            var since = last ?? started.Where(c => c.PracticeId == practice.Id).Min(c => c.StartedAt ?? c.CreatedAt);
            if (MorningReport.NextOpeningAfter(practice, since) is not { } opening || now < opening + CampaignReportAfterOpening || !MorningReport.IsOpen(practice, now))
            {
                continue;
            }

            var lines = await CampaignLinesAsync(practice.Id, cancellationToken).ConfigureAwait(false);
            if (lines is not { Count: > 0 } || !await store.MoveReportMarkAsync(practice.Id, last, now, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var notice = new Notice(NoticeKind.MorningReport, practice.Id, practice.Name, [], 0, now) { Campaigns = lines };
            if ((await SendReportAsync(practice, notice, ReportRecipients(practice), cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                await store.MoveReportMarkAsync(practice.Id, now, last, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The practice's campaigns for its morning report (none without a campaign store); null when they could not be
    /// read: the messages go out all the same, and the campaigns wait for the next report.
    /// </summary>
    private async Task<IReadOnlyList<CampaignReportLine>?> CampaignLinesAsync(string practiceId, CancellationToken cancellationToken)
    {
        if (campaigns is null)
        {
            return [];
        }

        try
        {
            var lastReport = await store.LastReportAsync(practiceId, cancellationToken).ConfigureAwait(false);
            var listed = await campaigns.ListAsync([practiceId], cancellationToken).ConfigureAwait(false);
            var counted = new List<(Campaign, CampaignCounts)>();
            foreach (var campaign in listed.Where(c => c.State != CampaignState.Draft))
            {
                counted.Add((campaign, await campaigns.CountsAsync(campaign.Id, cancellationToken).ConfigureAwait(false)));
            }

            return MorningReport.Campaigns(counted, lastReport);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>One email or webhook post about one or more messages: an attempt on each, closed with the one outcome.</summary>
    private async Task<DeliveryResult> NotifyAsync(IReadOnlyList<long> messageIds, int step, string channel, string recipient, Func<Task<DeliveryResult>> send, CancellationToken cancellationToken)
    {
        var attempts = new List<long>();
        foreach (var messageId in messageIds)
        {
            attempts.Add(await store.StartAttemptAsync(messageId, step, channel, recipient, time.GetUtcNow(), cancellationToken).ConfigureAwait(false));
        }

        var result = await SafeSendAsync(send).ConfigureAwait(false);
        foreach (var attemptId in attempts)
        {
            await store.FinishAttemptAsync(attemptId, time.GetUtcNow(), result.Accepted ? "accepted" : "failed", result.Detail, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }

    private static async Task<DeliveryResult> SafeSendAsync(Func<Task<DeliveryResult>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return DeliveryResult.Failed(exception.GetType().Name);
        }
    }

    private string? EmailOf(Practice? practice, EscalationStep step)
    {
        if (step.IsLastContact)
        {
            return options.SupervisorEmail.Length > 0 ? options.SupervisorEmail : null;
        }

        var contacts = practice?.Clinician(step.Contact.ClinicianId)?.Contacts.Where(c => c.Kind == ContactKind.Email).ToList() ?? [];
        return (contacts.FirstOrDefault(c => c.Verified) ?? contacts.FirstOrDefault())?.Address;
    }

    private IReadOnlyList<(string Recipient, string Address)> ReportRecipients(Practice? practice)
    {
        var admins = (practice?.Clinicians ?? [])
            .Where(c => c.Role == ClinicianRole.PracticeAdmin)
            .SelectMany(c => c.Contacts.Where(m => m.Kind == ContactKind.Email).Take(1).Select(m => (c.Id, m.Address)))
            .ToList();
        if (admins.Count == 0 && options.SupervisorEmail.Length > 0)
        {
            admins.Add(("supervisor", options.SupervisorEmail));
        }

        return admins;
    }

    /// <summary>A grace as the history says it: "an hour", "2 hours", "30 minutes".</summary>
    private static string Describe(TimeSpan span) =>
        span == TimeSpan.FromHours(1) ? "an hour"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} hours")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minutes");

    private bool TryStart(long messageId)
    {
        lock (_gate)
        {
            return _running.Add(messageId);
        }
    }

    private Task Track(IEnumerable<long> messageIds, Task work)
    {
        var ids = messageIds.ToList();
        return work.ContinueWith(
            finished =>
            {
                lock (_gate)
                {
                    _running.ExceptWith(ids);
                }

                return finished;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }
}
