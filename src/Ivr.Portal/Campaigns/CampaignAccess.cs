using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Campaigns;

/// <summary>
/// The one way the portal reaches outbound campaigns: the supervisor every practice's, a practice admin their own
/// practice's; everyone else is refused (403, audited as <c>campaign.denied</c>). A campaign's page, its API, its
/// stream and its export read its patients (patient data), so each read is audited (<c>campaign.view</c>,
/// <c>campaign.export</c>, <c>campaign.stream</c>), and so is every change (creating, starting, pausing, resuming,
/// cancelling, a patient marked confirmed, an AMD label), naming the campaign and counts, never a patient.
/// The preview's speech comes from telephony when it runs in this host (<paramref name="speech"/>).
/// </summary>
public sealed partial class CampaignAccess(ICampaignStore campaigns, IPracticeStore practices, IAuditLog audit, TimeProvider time, ILogger<CampaignAccess> logger, ICampaignSpeech? speech = null)
{
    /// <summary>What staff marking a patient confirmed puts on the patient's record as how they confirmed.</summary>
    public const string FrontDesk = "reached at the front desk";

    /// <summary>False when this host renders no speech: the page says the preview is unavailable.</summary>
    public bool PreviewAvailable => speech?.Available == true;

    /// <summary>The campaigns <paramref name="who"/> may see, newest first, each with its counts; null when refused (audited).</summary>
    public async Task<IReadOnlyList<(Campaign Campaign, CampaignCounts Counts)>?> ListAsync(PortalIdentity who, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (!who.SeesCampaigns)
        {
            await DenyAsync(who, "*", "list", cancellationToken);
            return null;
        }

        IReadOnlyCollection<string>? of = who.CampaignsPractice is { } own ? [own] : null;
        var list = new List<(Campaign, CampaignCounts)>();
        foreach (var campaign in (await campaigns.ListAsync(of, cancellationToken)).Where(c => who.CanManageCampaignsOf(c.PracticeId)))
        {
            list.Add((campaign, await campaigns.CountsAsync(campaign.Id, cancellationToken)));
        }

        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "campaign.list", "campaign", "*", Invariant($"{list.Count} campaign(s) of {who.CampaignsPractice ?? "every practice"}")), cancellationToken);
        return list;
    }

    /// <summary>The practices <paramref name="who"/> may make campaigns for, by name.</summary>
    public async Task<IReadOnlyList<Practice>> PracticesAsync(PortalIdentity who, CancellationToken cancellationToken = default) =>
        [.. (await practices.ListAsync(cancellationToken)).Where(p => who.CanManageCampaignsOf(p.Id)).OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>Campaign <paramref name="id"/> with its patients and attempts, audited as <paramref name="action"/> or as a refusal; not found is not audited.</summary>
    public async Task<CampaignLookup> OpenAsync(PortalIdentity who, long id, string action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var campaign = await campaigns.GetAsync(id, cancellationToken);
        if (campaign is null)
        {
            return new CampaignLookup(LookupStatus.NotFound);
        }

        if (!who.CanManageCampaignsOf(campaign.PracticeId))
        {
            await DenyAsync(who, Subject(id), $"{action} of a campaign of {campaign.PracticeId}", cancellationToken);
            return new CampaignLookup(LookupStatus.Denied);
        }

        var lookup = await ReadAsync(campaign, cancellationToken);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, action, "campaign", Subject(id), Invariant($"{lookup.Patients!.Count} patient(s), {lookup.Attempts!.Count} attempt(s) of {campaign.PracticeId}")), cancellationToken);
        return lookup;
    }

    /// <summary>
    /// The campaign of <paramref name="opened"/> read again, not audited: for a stream that <see cref="OpenAsync"/> let in
    /// and audited once, as the live view's stream is. Its patients (thousands, each decrypted) are read again only when
    /// its state, counts or calls changed, or with <paramref name="everything"/> (a patient only held back changes none of them).
    /// </summary>
    public async Task<CampaignLookup> RefreshAsync(CampaignLookup opened, bool everything = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opened);
        var campaign = await campaigns.GetAsync(opened.Campaign!.Id, cancellationToken);
        if (campaign is null)
        {
            return new CampaignLookup(LookupStatus.NotFound);
        }

        if (!everything)
        {
            var counts = await campaigns.CountsAsync(campaign.Id, cancellationToken);
            var attempts = await campaigns.AttemptsAsync(campaign.Id, cancellationToken);
            // The campaign's own fields change only with its state (its retry rules hold a list, which a record compares by reference).
            if (campaign.State == opened.Campaign.State && Same(counts, opened.Counts!) && attempts.SequenceEqual(opened.Attempts!))
            {
                return opened with { Campaign = campaign };
            }
        }

        return await ReadAsync(campaign, cancellationToken, opened.Practice);
    }

    private static bool Same(CampaignCounts a, CampaignCounts b) =>
        a.Attempts == b.Attempts && Enum.GetValues<PatientProgress>().All(p => a.Of(p) == b.Of(p));

    /// <summary>A new campaign saved as a draft, or every reason it cannot be (nothing saved then).</summary>
    public async Task<(CampaignOutcome Outcome, long? Id)> CreateAsync(PortalIdentity who, CampaignRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(request);
        var practiceId = string.IsNullOrWhiteSpace(request.PracticeId) ? who.CampaignsPractice : request.PracticeId.Trim();
        if (string.IsNullOrEmpty(practiceId))
        {
            return (CampaignOutcome.Refused("choose the practice whose patients are called"), null);
        }

        if (!who.CanManageCampaignsOf(practiceId))
        {
            await DenyAsync(who, "*", $"create of a campaign of {practiceId}", cancellationToken);
            return (CampaignOutcome.Of(CampaignOutcomeStatus.Denied), null);
        }

        if (await practices.GetAsync(practiceId, cancellationToken) is not { } practice)
        {
            return (CampaignOutcome.Refused($"there is no practice '{practiceId}'"), null);
        }

        var now = time.GetUtcNow();
        var draft = CampaignDraft.Read(request, practice, who.Username, now);
        if (draft.Campaign is null)
        {
            // The errors quote the list's rows (the person fixing it needs them): shown to the user, never logged or audited.
            return (new CampaignOutcome(CampaignOutcomeStatus.Refused, null, draft.Errors), null);
        }

        var id = await campaigns.CreateAsync(draft.Campaign, draft.Patients, [.. draft.Slots.Select(s => s.StartsAt)], [.. draft.Slots.Select(s => s.Clinician)], cancellationToken);
        await audit.RecordAsync(new AuditEntry(now, who.AuditActor, "campaign.create", "campaign", Subject(id), Invariant($"draft of {practice.Id}: {draft.Patients.Count} patient(s), {draft.Slots.Count} slot(s)")), cancellationToken);
        logger.LogInformation("Campaign {CampaignId} of {PracticeId} created by {Username}: {Patients} patient(s)", id, practice.Id, who.Username, draft.Patients.Count);
        return (new CampaignOutcome(CampaignOutcomeStatus.Done, draft.Campaign with { Id = id }), id);
    }

    /// <summary>The campaign's words as a telephone WAV, for the person (<paramref name="voicemail"/> false) or the voicemail.</summary>
    public async Task<(CampaignOutcomeStatus Status, byte[]? Wav)> PreviewAsync(PortalIdentity who, long id, bool voicemail, CancellationToken cancellationToken = default)
    {
        var (campaign, refused) = await ManagedAsync(who, id, "preview", cancellationToken);
        if (campaign is null)
        {
            return (refused!.Status, null);
        }

        if (speech is not { Available: true })
        {
            return (CampaignOutcomeStatus.Unavailable, null);
        }

        var name = (await practices.GetAsync(campaign.PracticeId, cancellationToken))?.Name ?? campaign.PracticeId;
        var text = voicemail ? CampaignScript.Voicemail(name, campaign) : CampaignScript.Person(name, campaign);
        try
        {
            return (CampaignOutcomeStatus.Done, await speech.PreviewAsync(text, cancellationToken));
        }
        catch (GreetingRenderException exception)
        {
            // flite or sox missing or failing: the words are the campaign's, not a patient's, so the reason may be logged.
            logger.LogWarning("Campaign {CampaignId}: the preview could not be spoken: {Reason}", campaign.Id, exception.Message);
            return (CampaignOutcomeStatus.Unavailable, null);
        }
    }

    /// <summary>Where a patient stands, in the page's words.</summary>
    public static string Words(PatientProgress progress) => progress switch
    {
        PatientProgress.Waiting => "not called yet",
        PatientProgress.Trying => "still trying",
        PatientProgress.VoicemailLeft => "voicemail left",
        PatientProgress.NeedsOfficeCall => "needs a call from the office",
        PatientProgress.OptedOut => "opted out",
        _ => Ivr.Data.IvrJson.Word(progress).Replace('-', ' '),
    };

    private async Task<CampaignLookup> ReadAsync(Campaign campaign, CancellationToken cancellationToken, Practice? practice = null) => new(
        LookupStatus.Found,
        campaign,
        practice ?? await practices.GetAsync(campaign.PracticeId, cancellationToken),
        await campaigns.PatientsAsync(campaign.Id, cancellationToken),
        await campaigns.AttemptsAsync(campaign.Id, cancellationToken),
        await campaigns.CountsAsync(campaign.Id, cancellationToken),
        await campaigns.SlotsAsync(campaign.Id, cancellationToken));

    /// <summary>The campaign when <paramref name="who"/> may run it; otherwise null and the outcome (a refusal audited).</summary>
    private async Task<(Campaign? Campaign, CampaignOutcome? Refused)> ManagedAsync(PortalIdentity who, long id, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        var campaign = await campaigns.GetAsync(id, cancellationToken);
        if (campaign is null)
        {
            return (null, CampaignOutcome.Of(CampaignOutcomeStatus.NotFound));
        }

        if (!who.CanManageCampaignsOf(campaign.PracticeId))
        {
            await DenyAsync(who, Subject(id), $"{what} of a campaign of {campaign.PracticeId}", cancellationToken);
            return (null, CampaignOutcome.Of(CampaignOutcomeStatus.Denied));
        }

        return (campaign, null);
    }

    private async Task DenyAsync(PortalIdentity who, string subject, string what, CancellationToken cancellationToken)
    {
        logger.LogWarning("Portal user {Username} ({Role}) was refused a campaign's {What}", who.Username, PortalRoles.Name(who.Role), what.Split(' ')[0]);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "campaign.denied", "campaign", subject, $"refused {what}: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}"), cancellationToken);
    }

    private static string Subject(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
