using System.Runtime.ExceptionServices;
using Ivr.Domain.Flow;
using Ivr.Domain.Scheduling;
using Stateless;
using Stateless.Reflection;

namespace Ivr.Domain.Outbound;

/// <summary>
/// A campaign call once the patient's line answered. AMD() first: a machine gets, once its greeting has ended, the short
/// voicemail without medical details; a person (or AMD not sure) hears the practice named and the campaign's words, then
/// 1 to confirm, 2 to hear it again, 3 to choose a new time (reschedule campaigns), 0 for the office, 8 to stop these calls.
/// A new time is one of the first three open slots that fit, read back and confirmed, and taken atomically: when another
/// patient was quicker the patient hears so and the next ones. Every way out closes the attempt through
/// <see cref="CampaignCalls"/>, the first close standing.
/// </summary>
public sealed partial class OutboundFlow
{
    public const int MenuAttempts = 3;
    public const int MaxPlays = 3;
    public const int SlotsOffered = 3;
    public static readonly TimeSpan KeyTimeout = TimeSpan.FromSeconds(6);

    private readonly IOutboundChannel _channel;
    private readonly OutboundSession _session;
    private readonly ICampaignStore _store;
    private readonly ICampaignSlotSource _slots;
    private readonly CampaignCalls _calls;
    private readonly TimeProvider _time;
    private readonly StateMachine<OutboundState, OutboundTrigger> _machine;
    private CancellationToken _cancellationToken;
    private ExceptionDispatchInfo? _failure;

    /// <param name="channel">The patient's line.</param>
    /// <param name="session">The call's campaign, patient and attempt.</param>
    /// <param name="store">Where the campaign is kept.</param>
    /// <param name="calls">Records the call's outcome.</param>
    /// <param name="time">The clock.</param>
    /// <param name="slots">Where open times come from; the campaign's own typed slots when null.</param>
    public OutboundFlow(IOutboundChannel channel, OutboundSession session, ICampaignStore store, CampaignCalls calls, TimeProvider time, ICampaignSlotSource? slots = null)
    {
        _channel = channel;
        _session = session;
        _store = store;
        _slots = slots ?? new CampaignStoreSlots(store);
        _calls = calls;
        _time = time;
        _machine = Define();
    }

    /// <summary>The call's structure, for diagrams: the same definition calls run, built with no call behind it.</summary>
    public static StateMachineInfo Describe()
    {
        var campaign = new Campaign { PracticeId = "described", Title = "described", Words = "described", CallbackNumber = "0", TimeZone = "UTC", EndsBy = DateTimeOffset.UnixEpoch, CreatedBy = "described", Kind = CampaignKind.Reschedule };
        var patient = new CampaignPatientRecord(0, 0, new CampaignPatient(0, "described", "+0", null, null, null), PatientProgress.Waiting, 0, null, null, null, null, null, null);
        var attempt = new CampaignAttempt(0, 0, 0, DateTimeOffset.UnixEpoch, null, null, null, null, "none", "described", null, null);
        var session = new OutboundSession(attempt, patient, campaign, null, new CampaignPrompts("person", "voicemail"));
        var store = Unplugged.Of<ICampaignStore>();
        return new OutboundFlow(Unplugged.Of<IOutboundChannel>(), session, store, new CampaignCalls(store, TimeProvider.System), TimeProvider.System)._machine.GetInfo();
    }

    /// <summary>Runs the call to its end; the attempt is always closed. An unexpected error is rethrown once it is.</summary>
    public async Task<OutboundSession> RunAsync(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        try
        {
            await _machine.FireAsync(OutboundTrigger.Continue).ConfigureAwait(false);
        }
        finally
        {
            // The first close counts: this one only says what happened when nothing else did.
            await FinishAsync(AttemptResult.HeardNotConfirmed, _session.Heard ? "heard the message, did not confirm" : "the call ended before the message was heard").ConfigureAwait(false);
        }

        _failure?.Throw();
        return _session;
    }

    private StateMachine<OutboundState, OutboundTrigger> Define()
    {
        var machine = new StateMachine<OutboundState, OutboundTrigger>(() => _session.State, state => _session.State = state, FiringMode.Queued);
        machine.OnTransitioned(transition =>
        {
            if (!transition.IsReentry)
            {
                _session.Attempts = 0;
            }
        });

        machine.Configure(OutboundState.Incoming)
            .Permit(OutboundTrigger.Continue, OutboundState.Detecting);

        machine.Configure(OutboundState.OnLine)
            .Permit(OutboundTrigger.HungUp, OutboundState.HungUp)
            .Permit(OutboundTrigger.Failed, OutboundState.Failed);

        machine.Configure(OutboundState.Detecting)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(DetectAsync), "AMD(): a person or a machine? (kept on the attempt)")
            .Permit(OutboundTrigger.Continue, OutboundState.Speaking)
            .Permit(OutboundTrigger.Machine, OutboundState.WaitingForSilence);

        machine.Configure(OutboundState.WaitingForSilence)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(WaitForSilenceAsync), "wait for the greeting to end")
            .Permit(OutboundTrigger.Continue, OutboundState.LeavingVoicemail);

        machine.Configure(OutboundState.LeavingVoicemail)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(LeaveVoicemailAsync), "practice's name, the appointment changed, the number to call; no medical details; called again")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended);

        machine.Configure(OutboundState.Speaking)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(SpeakAsync), "the practice named, then the campaign's words")
            .Permit(OutboundTrigger.Continue, OutboundState.Menu);

        machine.Configure(OutboundState.Menu)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(MenuAsync), "1 confirm, 2 again, 3 new time (reschedule), 0 office, 8 stop these calls")
            .Permit(OutboundTrigger.Key1, OutboundState.Confirming)
            .PermitIf(OutboundTrigger.Key2, OutboundState.Speaking, () => _session.Plays < MaxPlays, $"heard fewer than {MaxPlays} times")
            .PermitIf(OutboundTrigger.Key2, OutboundState.NotConfirmed, () => _session.Plays >= MaxPlays, "heard enough")
            .PermitIf(OutboundTrigger.Key3, OutboundState.OfferingSlots, () => _session.Campaign.Kind == CampaignKind.Reschedule, "a reschedule campaign")
            .Permit(OutboundTrigger.Key0, OutboundState.ToOffice)
            .Permit(OutboundTrigger.Key8, OutboundState.OptingOut)
            .PermitReentryIf(OutboundTrigger.NoInput, () => _session.Attempts < MenuAttempts, $"asked fewer than {MenuAttempts} times")
            .PermitIf(OutboundTrigger.NoInput, OutboundState.NotConfirmed, () => _session.Attempts >= MenuAttempts, "nothing pressed");

        machine.Configure(OutboundState.Confirming)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(ConfirmAsync), "confirmed: thank them; no more calls")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended);

        machine.Configure(OutboundState.OfferingSlots)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(OfferSlotsAsync), "the first three open times that fit: 1, 2 or 3; 0 for the office")
            .Permit(OutboundTrigger.Key1, OutboundState.ReadingBack)
            .Permit(OutboundTrigger.Key0, OutboundState.ToOffice)
            .Permit(OutboundTrigger.NoSlots, OutboundState.NoSlots)
            .PermitReentryIf(OutboundTrigger.NoInput, () => _session.Attempts < MenuAttempts, $"asked fewer than {MenuAttempts} times")
            .PermitIf(OutboundTrigger.NoInput, OutboundState.NotConfirmed, () => _session.Attempts >= MenuAttempts, "nothing chosen");

        machine.Configure(OutboundState.ReadingBack)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(ReadBackAsync), "the chosen time read back: 1 to confirm it, 2 to choose again")
            .Permit(OutboundTrigger.Key1, OutboundState.Booking)
            .Permit(OutboundTrigger.Key2, OutboundState.OfferingSlots)
            .PermitReentryIf(OutboundTrigger.NoInput, () => _session.Attempts < MenuAttempts, $"asked fewer than {MenuAttempts} times")
            .PermitIf(OutboundTrigger.NoInput, OutboundState.NotConfirmed, () => _session.Attempts >= MenuAttempts, "nothing pressed");

        machine.Configure(OutboundState.Booking)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(BookAsync), "take the slot atomically, then book it where it lives (the EHR for a practice whose EHR books): booked; taken by another patient meanwhile; or, the EHR unable, the office books it")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended)
            .Permit(OutboundTrigger.Taken, OutboundState.OfferingSlots);

        machine.Configure(OutboundState.NoSlots)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(NoSlotsAsync), "no time fits: the office will call them")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended);

        machine.Configure(OutboundState.ToOffice)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(ToOfficeAsync), "put through to the office line, or the office will call them")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended);

        machine.Configure(OutboundState.OptingOut)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(OptOutAsync), "no more calls from the practice, at once")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended);

        machine.Configure(OutboundState.NotConfirmed)
            .SubstateOf(OutboundState.OnLine)
            .OnEntryAsync(() => StepAsync(NotConfirmedAsync), "hang up; called again later")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended);

        machine.Configure(OutboundState.HungUp)
            .OnEntryAsync(PatientHungUpAsync, "close the attempt: heard or not; called again later")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended);

        machine.Configure(OutboundState.Failed)
            .OnEntryAsync(() => _machine.FireAsync(OutboundTrigger.Continue), "end; the error is rethrown")
            .Permit(OutboundTrigger.Continue, OutboundState.Ended);

        machine.Configure(OutboundState.Ended);
        return machine;
    }

    /// <summary>Runs a state's work and fires the trigger it chose; a hangup becomes <see cref="OutboundTrigger.HungUp"/>, anything unexpected <see cref="OutboundTrigger.Failed"/>.</summary>
    private async Task StepAsync(Func<CancellationToken, Task<OutboundTrigger>> work)
    {
        OutboundTrigger next;
        try
        {
            next = await work(_cancellationToken).ConfigureAwait(false);
        }
        catch (CallerHungUpException)
        {
            next = OutboundTrigger.HungUp;
        }
        catch (Exception exception) when (!_cancellationToken.IsCancellationRequested)
        {
            _failure = ExceptionDispatchInfo.Capture(exception);
            next = OutboundTrigger.Failed;
        }

        await _machine.FireAsync(next).ConfigureAwait(false);
    }

    private async Task FinishAsync(AttemptResult result, string detail)
    {
        if (_session.Result is null && await _calls.FinishAsync(_session.Attempt.Id, result, detail, CancellationToken.None).ConfigureAwait(false))
        {
            _session.Result = result;
        }
    }

    private DateTime Now => new ZoneClock(_session.Campaign.TimeZone).Local(_time.GetUtcNow());
}
