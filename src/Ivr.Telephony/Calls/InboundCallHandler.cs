using Ivr.Asterisk.Agi;
using Ivr.Domain.Calls;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Runs a patient's call (FastAGI script <c>inbound</c>): opens the call record, runs the call flow,
/// seals the recordings, closes the record, and — as its very last act — tells the
/// dialplan the service finished (IVR_COMPLETED=1), so a crash anywhere before leaves the safety net on.
/// </summary>
public sealed class InboundCallHandler(
    CallDependencies dependencies,
    IOptions<RecordingOptions> recordings,
    IOptions<ConferenceOptions> conference,
    IRecordingSealer sealer,
    ILogger<InboundCallHandler> logger)
{
    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        var request = channel.Request;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = request.UniqueId });
        var dialed = request.Query.GetValueOrDefault("did") is { Length: > 0 } did ? did : request.Extension;
        var (practice, coverage) = await dependencies.Practices.RouteAsync(dialed, dependencies.Time.GetUtcNow(), cancellationToken);
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

        var session = new CallSession(callId, request.UniqueId, practice, dialed, request.CallerIdNumber, coverage);
        var flow = new CallFlow(new AgiCallerChannel(channel, recordings.Value, conference.Value), session, dependencies);
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
            await CloseAsync(session, callId);
        }

        if (!session.HandToSafetyNet)
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
