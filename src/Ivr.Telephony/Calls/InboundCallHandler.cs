using Ivr.Asterisk.Agi;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Runs a patient's call (FastAGI script <c>inbound</c>): opens the call record, runs the call flow,
/// seals the recordings, closes the record, and — as its very last act — tells the
/// dialplan the service finished (IVR_COMPLETED=1), so a crash anywhere before leaves the safety net on. It also
/// takes the callers other processes hand to this one's desk (script <c>desk</c>), and hands its own callers to another
/// process's desk when theirs has someone and this one's nobody (<c>IVR_DESK_AT</c> instead of IVR_COMPLETED).
/// </summary>
public sealed class InboundCallHandler(
    CallDependencies dependencies,
    IOptions<RecordingOptions> recordings,
    IOptions<ConferenceOptions> conference,
    IRecordingSealer sealer,
    PromptSounds sounds,
    ILogger<InboundCallHandler> logger)
{
    /// <summary>Set to 1 first thing on a call refused for want of an agreement; the dialplan then never takes a message.</summary>
    public const string NoAgreementVariable = "IVR_NO_AGREEMENT";

    /// <summary>The practice's emergency fallback, for the dialplan to dial should the service stop during a refusal.</summary>
    public const string NoAgreementDialVariable = "IVR_NO_AGREEMENT_DIAL";

    /// <summary>The dialplan context a refused call goes to when the service did not finish it.</summary>
    public const string NoAgreementContext = "ivr-no-agreement";

    /// <summary>Where the dialplan takes a caller handed to another process's desk: that process's FastAGI address.</summary>
    public const string DeskAtVariable = "IVR_DESK_AT";

    /// <summary>The desk's line the handed-over caller joins there (<see cref="DeskLines.Worker"/>: operator or nurse).</summary>
    public const string DeskLineVariable = "IVR_DESK_LINE";

    /// <summary>The FastAGI script that takes a caller handed over by another process.</summary>
    public const string DeskScript = "desk";

    /// <summary>How long a refused call rings the practice's emergency fallback, as long as the dialplan's safety net rings it.</summary>
    public static readonly TimeSpan NoAgreementRing = TimeSpan.FromSeconds(30);

    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        var request = channel.Request;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = request.UniqueId });
        var dialed = request.Query.GetValueOrDefault("did") is { Length: > 0 } did ? did : request.Extension;
        var (practice, coverage, agreementRecorded) = await dependencies.Practices.RouteAsync(dialed, dependencies.Time.GetUtcNow(), cancellationToken);
        if (!agreementRecorded)
        {
            await RefuseAsync(channel, practice, dialed, coverage, cancellationToken);
            return;
        }

        if (practice.EmergencyFallbackDial.Length > 0)
        {
            // Should the service die mid-call, the dialplan's safety net dials this practice's fallback.
            await channel.SetVariableAsync("IVR_FALLBACK_DIAL", practice.EmergencyFallbackDial, cancellationToken);
        }

        var callId = await dependencies.CallRecords.StartAsync(
            new CallRecord
            {
                UniqueId = request.UniqueId,
                PracticeId = practice.Id,
                DialedNumber = dialed,
                CallerId = request.CallerIdNumber,
                StartedAt = dependencies.Time.GetUtcNow(),
                CoverageMode = CoverageModes.Name(coverage.Mode),
                RouteReason = coverage.Reason,
            },
            cancellationToken);
        logger.LogInformation("Call {CallId} for practice {PracticeId} from {Caller}", callId, practice.Id, CallerNumber.ForLog(request.CallerIdNumber));

        var session = new CallSession(callId, request.UniqueId, practice, dialed, request.CallerIdNumber, coverage) { ChannelName = request.Channel };
        await RunAsync(channel, session, cancellationToken);
    }

    /// <summary>
    /// Takes a caller another process handed to this one's desk (FastAGI script <c>desk</c>, which the dialplan runs on
    /// <see cref="DeskAtVariable"/>): the same channel, the call record that process opened and closed as handed over, and
    /// the caller's way so far; the flow starts at the choice of a live person on the line in the query. A channel whose
    /// call was not handed over is left to the dialplan's safety net.
    /// </summary>
    public async Task HandleHandedInAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        var request = channel.Request;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = request.UniqueId });
        var record = await dependencies.CallRecords.FindByUniqueIdAsync(request.UniqueId, cancellationToken);
        if (record is null || record.Outcome != CallOutcomes.Word(CallOutcome.HandedOver))
        {
            logger.LogWarning("A caller was handed to this desk but their call {CallId} is {Outcome}, not handed over; the dialplan's safety net takes them", record?.Id, record?.Outcome ?? "unknown");
            return;
        }

        var (practice, coverage, _) = await dependencies.Practices.RouteAsync(record.DialedNumber, dependencies.Time.GetUtcNow(), cancellationToken);
        var line = request.Query.GetValueOrDefault("line") == DeskLines.Worker(DeskLine.Nurses) ? DeskLine.Nurses : DeskLine.Operators;
        var events = await dependencies.CallRecords.EventsAsync(record.Id, cancellationToken);
        var session = new CallSession(record.Id, request.UniqueId, practice, record.DialedNumber, request.CallerIdNumber, coverage)
        {
            ChannelName = request.Channel,
            HandedIn = true,
            DeskLine = line,
            DeskUrgentBefore = events.Any(e => e.Name == DeskEvents.Urgent),
            DeskQueuedBefore = events.Where(e => e.Name == DeskEvents.Queued).Select(e => (DateTimeOffset?)e.At).Min(),
        };
        session.DeskPath.AddRange(events.Where(e => e.Kind == CallFlow.DeskPathEvent).Select(e => new DeskPathStep(e.At, e.Detail)));
        logger.LogInformation("Call {CallId} for practice {PracticeId} handed to this desk's {Queue}", record.Id, practice.Id, DeskLines.Queue(line));
        await RunAsync(channel, session, cancellationToken);
    }

    /// <summary>Runs the flow, closes the record, and tells the dialplan what comes next: nothing (finished), the safety net, or another process's desk.</summary>
    private async Task RunAsync(AgiChannel channel, CallSession session, CancellationToken cancellationToken)
    {
        var flow = new CallFlow(new AgiCallerChannel(channel, recordings.Value, conference.Value, sounds.For(session.Practice)), session, dependencies);
        dependencies.Progress.Started(session);
        try
        {
            await flow.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            session.Outcome = CallOutcome.Failed;
            session.OutcomeDetail = "the service stopped or the call passed its deadline";
            session.HandToSafetyNet = true;
        }
        finally
        {
            dependencies.Progress.Ended(session);
            await CloseAsync(session, session.CallId);
        }

        if (session.HandToSafetyNet)
        {
            return;
        }

        if (session.Outcome == CallOutcome.HandedOver && session.DeskAt is not null)
        {
            await HandOverAsync(channel, session);
            return;
        }

        await channel.SetVariableAsync("IVR_COMPLETED", "1", CancellationToken.None);
    }

    /// <summary>
    /// Tells the dialplan to take the caller to the other process's desk, as this script's last act: the line, then the
    /// address (the dialplan goes only to a FastAGI server it knows, its first or second). A caller gone by now is let go.
    /// </summary>
    private async Task HandOverAsync(AgiChannel channel, CallSession session)
    {
        try
        {
            await channel.SetVariableAsync(DeskLineVariable, DeskLines.Worker(session.DeskLine), CancellationToken.None);
            await channel.SetVariableAsync(DeskAtVariable, session.DeskAt!, CancellationToken.None);
            logger.LogInformation("Call {CallId} handed to the {Queue} of the process at {DeskAt}", session.CallId, DeskLines.Queue(session.DeskLine), session.DeskAt);
        }
        catch (Exception exception) when (exception is AgiHangupException or AgiConnectionClosedException)
        {
            logger.LogInformation("Call {CallId}: the caller hung up as they were handed to another process's desk", session.CallId);
        }
    }

    /// <summary>
    /// A practice without a recorded business associate agreement: the service may keep nothing of its
    /// callers, so the caller hears the emergency instruction only and is put through to the practice's
    /// emergency fallback (or hung up on when it has none). The call record, kept for billing and review,
    /// holds no caller number; no message, no recording. <c>IVR_NO_AGREEMENT</c> goes to the dialplan first,
    /// so that should the service die on the way its safety net does the same and takes no message.
    /// </summary>
    private async Task RefuseAsync(AgiChannel channel, PracticeProfile practice, string dialed, CoverageDecision coverage, CancellationToken cancellationToken)
    {
        var request = channel.Request;
        var fallback = practice.EmergencyFallbackDial;
        await channel.SetVariableAsync(NoAgreementVariable, "1", cancellationToken);
        if (fallback.Length > 0)
        {
            await channel.SetVariableAsync(NoAgreementDialVariable, fallback, cancellationToken);
        }

        var now = dependencies.Time.GetUtcNow();
        var callId = await dependencies.CallRecords.StartAsync(
            new CallRecord
            {
                UniqueId = request.UniqueId,
                PracticeId = practice.Id,
                DialedNumber = dialed,
                StartedAt = now,
                CoverageMode = CoverageModes.Name(coverage.Mode),
                RouteReason = coverage.Reason,
            },
            cancellationToken);
        var next = fallback.Length > 0 ? "then put through to the practice's emergency fallback" : "then hung up (the practice has no emergency fallback)";
        logger.LogWarning("Call {CallId} for practice {PracticeId} refused: the practice has no business associate agreement recorded; emergency instruction only, {Next}, nothing of the caller kept", callId, practice.Id, next);
        await dependencies.CallRecords.AppendEventAsync(callId, new CallEvent(now, "decision", "agreement", $"no business associate agreement recorded: emergency instruction only, {next}"), cancellationToken);

        var detail = $"no business associate agreement recorded: emergency instruction only, {next}";
        try
        {
            await channel.AnswerAsync(cancellationToken);
            await dependencies.CallRecords.MarkAnsweredAsync(callId, dependencies.Time.GetUtcNow(), cancellationToken);
            await AgiPrompts.PlayAsync(channel, sounds.For(practice), [PromptIds.Emergency], cancellationToken);
            if (fallback.Length > 0)
            {
                await channel.ExecAsync("Dial", $"{fallback},{(int)NoAgreementRing.TotalSeconds}", cancellationToken);
            }
        }
        catch (Exception exception) when (exception is CallerHungUpException or AgiHangupException or AgiConnectionClosedException)
        {
            // The caller hung up (perhaps after talking with the fallback): the refusal is over.
        }
        finally
        {
            try
            {
                await dependencies.CallRecords.CompleteAsync(callId, dependencies.Time.GetUtcNow(), CallOutcomes.Word(CallOutcome.NoAgreement), detail, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Call {CallId} refused for want of an agreement but its record could not be closed", callId);
            }
        }

        if (!channel.IsHungUp)
        {
            await channel.SetVariableAsync("IVR_COMPLETED", "1", CancellationToken.None);
        }
    }

    /// <summary>
    /// Seals the call's recordings, then closes its record. Never throws: what the caller said is saved
    /// already, so a failure here must not hand the call to the dialplan's safety net, which would take
    /// the same message a second time. A recording left plain is sealed at the next start; a record left
    /// open shows as still in progress in the portal until then.
    /// </summary>
    private async Task CloseAsync(CallSession session, long callId)
    {
        try
        {
            // Recordings are sealed before the record closes, so a closed record never points at plain audio.
            await sealer.SealAsync(session, CancellationToken.None);
            await dependencies.CallRecords.CompleteAsync(callId, dependencies.Time.GetUtcNow(), CallOutcomes.Word(session.Outcome), session.OutcomeDetail, CancellationToken.None);
            logger.LogInformation("Call {CallId} ended: {Outcome} in {State}", callId, CallOutcomes.Word(session.Outcome), session.State);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Call {CallId} ended ({Outcome} in {State}) but its record could not be closed", callId, CallOutcomes.Word(session.Outcome), session.State);
        }
    }
}
