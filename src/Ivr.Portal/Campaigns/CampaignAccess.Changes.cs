using Ivr.Domain.Audit;
using Ivr.Domain.Outbound;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Campaigns;

/// <summary>What staff change on a campaign: its state, a patient reached at the front desk, an AMD label.</summary>
public sealed partial class CampaignAccess
{
    /// <summary>The moves staff make, by the verb the page and the API use, and the state each leads to.</summary>
    public static readonly IReadOnlyDictionary<string, CampaignState> Moves = new Dictionary<string, CampaignState>(StringComparer.Ordinal)
    {
        ["start"] = CampaignState.Running,
        ["pause"] = CampaignState.Paused,
        ["resume"] = CampaignState.Running,
        ["cancel"] = CampaignState.Cancelled,
    };

    /// <summary>
    /// <paramref name="verb"/> (a key of <see cref="Moves"/>) on the campaign, when <see cref="CampaignStates.Check"/> allows it
    /// (a draft is started, a paused campaign resumed); refused in words otherwise, audited either way.
    /// </summary>
    public async Task<CampaignOutcome> ChangeAsync(PortalIdentity who, long id, string verb, CancellationToken cancellationToken = default)
    {
        if (!Moves.TryGetValue(verb, out var to))
        {
            return CampaignOutcome.Of(CampaignOutcomeStatus.NotFound);
        }

        var (campaign, refused) = await ManagedAsync(who, id, verb, cancellationToken);
        if (campaign is null)
        {
            return refused!;
        }

        var now = time.GetUtcNow();
        var from = campaign.State;
        var why = Check(verb, from, to);
        if (why is null && !await campaigns.ChangeStateAsync(id, from, to, now, cancellationToken))
        {
            // Someone (or the dialler finishing it) moved it first: say why against the state it is in now.
            campaign = await campaigns.GetAsync(id, cancellationToken) ?? campaign;
            why = Check(verb, campaign.State, to) ?? $"the campaign changed meanwhile; it is {CampaignStates.Word(campaign.State)}";
        }

        var action = "campaign." + verb;
        if (why is not null)
        {
            await audit.RecordAsync(new AuditEntry(now, who.AuditActor, action, "campaign", Subject(id), $"refused: {why}"), cancellationToken);
            return CampaignOutcome.Refused(why);
        }

        await audit.RecordAsync(new AuditEntry(now, who.AuditActor, action, "campaign", Subject(id), $"{CampaignStates.Word(from)} to {CampaignStates.Word(to)}"), cancellationToken);
        logger.LogInformation("Campaign {CampaignId} of {PracticeId}: {From} to {To} by {Username}", id, campaign.PracticeId, from, to, who.Username);
        return new CampaignOutcome(CampaignOutcomeStatus.Done, await campaigns.GetAsync(id, cancellationToken));
    }

    /// <summary>"Mark confirmed (reached at the front desk)": the patient is confirmed and never called again.</summary>
    public async Task<CampaignOutcome> ConfirmAsync(PortalIdentity who, long id, long patientId, CancellationToken cancellationToken = default)
    {
        var (campaign, refused) = await ManagedAsync(who, id, "confirm", cancellationToken);
        if (campaign is null)
        {
            return refused!;
        }

        var patient = await campaigns.PatientAsync(patientId, cancellationToken);
        if (patient is null || patient.CampaignId != id)
        {
            return CampaignOutcome.Of(CampaignOutcomeStatus.NotFound);
        }

        var now = time.GetUtcNow();
        var done = await campaigns.MarkConfirmedAsync(patientId, $"staff ({who.Username}): {FrontDesk}", now, cancellationToken);
        var detail = done ? Invariant($"patient {patientId} marked confirmed: {FrontDesk}") : Invariant($"patient {patientId} was done already: nothing changed");
        await audit.RecordAsync(new AuditEntry(now, who.AuditActor, "campaign.confirm", "campaign", Subject(id), detail), cancellationToken);
        return done
            ? new CampaignOutcome(CampaignOutcomeStatus.Done, campaign)
            : CampaignOutcome.Refused($"this patient is done already ({Words(patient.Progress)}): nothing changed");
    }

    /// <summary>Staff's verdict on an attempt's AMD result: <see cref="AmdLabels.Right"/> or <see cref="AmdLabels.Wrong"/>.</summary>
    public async Task<CampaignOutcome> LabelAsync(PortalIdentity who, long id, long attemptId, string? label, CancellationToken cancellationToken = default)
    {
        var (campaign, refused) = await ManagedAsync(who, id, "amd-label", cancellationToken);
        if (campaign is null)
        {
            return refused!;
        }

        var attempt = await campaigns.AttemptAsync(attemptId, cancellationToken);
        if (attempt is null || attempt.CampaignId != id)
        {
            return CampaignOutcome.Of(CampaignOutcomeStatus.NotFound);
        }

        if (label is not (AmdLabels.Right or AmdLabels.Wrong))
        {
            return CampaignOutcome.Refused($"an AMD label is '{AmdLabels.Right}' or '{AmdLabels.Wrong}', not '{label}'");
        }

        if (string.IsNullOrEmpty(attempt.AmdStatus) || !await campaigns.LabelAmdAsync(attemptId, label, cancellationToken))
        {
            return CampaignOutcome.Refused("this call has no AMD result to label");
        }

        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "campaign.amd-label", "campaign", Subject(id), Invariant($"attempt {attemptId} ({attempt.AmdStatus}): AMD was {label}")), cancellationToken);
        return new CampaignOutcome(CampaignOutcomeStatus.Done, campaign);
    }

    /// <summary>Why <paramref name="verb"/> cannot move a campaign that is <paramref name="from"/>, or null: the domain's rule, and start only a draft, resume only a paused one.</summary>
    private static string? Check(string verb, CampaignState from, CampaignState to) => (verb, from) switch
    {
        ("start", not CampaignState.Draft) when CampaignStates.Check(from, to) is null => $"the campaign is {CampaignStates.Word(from)}: resume it",
        ("resume", CampaignState.Draft) => "a draft is started, not resumed",
        _ => CampaignStates.Check(from, to),
    };
}
