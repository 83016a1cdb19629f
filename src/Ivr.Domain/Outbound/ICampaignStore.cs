namespace Ivr.Domain.Outbound;

/// <summary>
/// Campaigns, their patients, attempts, slots, opt-outs and email links, durable (patient data encrypted at rest).
/// The dialler takes a patient only after <see cref="ClaimAsync"/> leased them, as dispatch does with its steps: two
/// processes sharing the database never call one patient at once, and a lease a killed process held runs out on its
/// own; the attempt it left open is closed as interrupted and still counts against the day's and week's calls, so a
/// restarted service never calls anyone twice in the window.
/// </summary>
public interface ICampaignStore
{
    /// <summary>Saves a new campaign (as a draft) with its patients (all <see cref="PatientProgress.Waiting"/>) and its open slots; returns its id.</summary>
    Task<long> CreateAsync(Campaign campaign, IReadOnlyList<CampaignPatient> patients, IReadOnlyList<DateTime> slots, IReadOnlyList<string?> slotClinicians, CancellationToken cancellationToken = default);

    Task<Campaign?> GetAsync(long campaignId, CancellationToken cancellationToken = default);

    /// <summary>The campaigns of <paramref name="practiceIds"/> (every practice's when null), newest first.</summary>
    Task<IReadOnlyList<Campaign>> ListAsync(IReadOnlyCollection<string>? practiceIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the campaign from <paramref name="from"/> to <paramref name="to"/> only if it still is in <paramref name="from"/>
    /// (checked with <see cref="CampaignStates.Check"/> by the caller). Starting a draft makes every patient due at
    /// <paramref name="at"/>; cancelling or finishing sets its end. False when it was not in <paramref name="from"/>.
    /// </summary>
    Task<bool> ChangeStateAsync(long campaignId, CampaignState from, CampaignState to, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CampaignPatientRecord>> PatientsAsync(long campaignId, CancellationToken cancellationToken = default);

    Task<CampaignPatientRecord?> PatientAsync(long patientId, CancellationToken cancellationToken = default);

    Task<CampaignCounts> CountsAsync(long campaignId, CancellationToken cancellationToken = default);

    /// <summary>Every attempt of the campaign, oldest first.</summary>
    Task<IReadOnlyList<CampaignAttempt>> AttemptsAsync(long campaignId, CancellationToken cancellationToken = default);

    Task<CampaignAttempt?> AttemptAsync(long attemptId, CancellationToken cancellationToken = default);

    /// <summary>Staff's verdict on an attempt's AMD result (<see cref="AmdLabels"/>); false when there is no such attempt or it has no AMD result.</summary>
    Task<bool> LabelAmdAsync(long attemptId, string label, CancellationToken cancellationToken = default);

    /// <summary>
    /// The patient confirmed some other way than a call (<paramref name="how"/>: "email link", "staff: reached at the front
    /// desk"): they become <see cref="PatientProgress.Confirmed"/> and are never called again. False when they were done already.
    /// </summary>
    Task<bool> MarkConfirmedAsync(long patientId, string how, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Patients of running campaigns still to be called whose time has come and who are not leased, soonest first.</summary>
    Task<IReadOnlyList<CampaignPatientRecord>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many of the campaign's patients are leased right now (calls in progress, in any process).</summary>
    Task<int> InProgressAsync(long campaignId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases the patient to <paramref name="owner"/> until <paramref name="leaseUntil"/> if they are still due, still to be called, of a
    /// running campaign and not leased; an attempt a dead owner left open is closed first as <see cref="AttemptResult.Failed"/>
    /// ("interrupted: the service stopped during the call"). False when another process has them or they are done.
    /// </summary>
    Task<bool> ClaimAsync(long patientId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// The calling policy held the patient back: due again at <paramref name="notBefore"/> (null: never, with progress
    /// <see cref="PatientProgress.OptedOut"/>), with the rule and reason kept on the patient; the lease is given back.
    /// </summary>
    Task HoldAsync(long patientId, string owner, DateTimeOffset? notBefore, string rule, string why, CancellationToken cancellationToken = default);

    /// <summary>When the number was called for this campaign before (every attempt's start, however it ended).</summary>
    Task<IReadOnlyList<DateTimeOffset>> CallTimesAsync(long campaignId, string phone, CancellationToken cancellationToken = default);

    /// <summary>Opens an attempt for a leased patient, with the policy decision that let it go.</summary>
    Task<long> StartAttemptAsync(long patientId, DateTimeOffset at, CallingDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Keeps what Asterisk's AMD() said on the attempt.</summary>
    Task SetAmdAsync(long attemptId, string status, string cause, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the attempt (false, and nothing changed, when it was closed already: the first outcome stands) and moves its
    /// patient to <paramref name="next"/> (due again at its retry time, or done), giving the lease back. A patient confirmed
    /// meanwhile by another way stays confirmed.
    /// </summary>
    Task<bool> FinishAttemptAsync(long attemptId, AttemptResult result, string detail, DateTimeOffset at, PatientNext next, CancellationToken cancellationToken = default);

    /// <summary>Finishes running campaigns nobody is left to call on, or whose <see cref="Campaign.EndsBy"/> passed; returns their ids.</summary>
    Task<IReadOnlyList<long>> FinishOverAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The number asked to stop the practice's calls: no campaign of the practice calls it again.</summary>
    Task OptOutAsync(string practiceId, string phone, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<DateTimeOffset?> OptedOutAtAsync(string practiceId, string phone, CancellationToken cancellationToken = default);

    /// <summary>Every slot of the campaign, taken or not, soonest first (the portal shows which patient took which).</summary>
    Task<IReadOnlyList<CampaignSlot>> SlotsAsync(long campaignId, CancellationToken cancellationToken = default);

    /// <summary>The campaign's slots nobody took yet, soonest first.</summary>
    Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(long campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the slot to the patient, atomically: only if nobody took it and the patient holds none, and the patient becomes
    /// <see cref="PatientProgress.Rescheduled"/>. False when someone else was quicker (two patients never get one slot).
    /// </summary>
    Task<bool> TakeSlotAsync(long slotId, long patientId, string how, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a slot taken by <see cref="TakeSlotAsync"/> back when the EHR would not book it: the slot is open again and the
    /// patient is back to <see cref="PatientProgress.Trying"/> (the attempt's end then says what happened). False when
    /// <paramref name="patientId"/> does not hold <paramref name="slotId"/>.
    /// </summary>
    Task<bool> ReleaseSlotAsync(long slotId, long patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the campaign's EHR slots those in <paramref name="free"/> (each a Slot id, start on the practice's clock and
    /// whose schedule): new ones are added, untaken ones the EHR no longer lists free are removed, taken ones and the
    /// times staff typed are kept.
    /// </summary>
    Task MirrorEhrSlotsAsync(long campaignId, IReadOnlyList<(string EhrSlotId, DateTime StartsAt, string? Clinician)> free, CancellationToken cancellationToken = default);

    /// <summary>Patients with an email who were not sent their link yet, of running campaigns.</summary>
    Task<IReadOnlyList<CampaignPatientRecord>> UnmailedAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the patient's single-use confirmation link and marks them mailed (whatever the sending gives, it is not sent
    /// twice); returns the token, kept only as a hash. Null when they were mailed already.
    /// </summary>
    Task<string?> IssueLinkAsync(long patientId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The patient a link is for, while it works: not used, and its campaign running or paused and before its end. Null otherwise.</summary>
    Task<CampaignPatientRecord?> PatientByLinkAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Spends the link; false when it was spent already.</summary>
    Task<bool> SpendLinkAsync(string token, DateTimeOffset at, CancellationToken cancellationToken = default);
}
