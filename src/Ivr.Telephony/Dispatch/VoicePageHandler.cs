using System.Globalization;
using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Server.Calls;
using Ivr.Server.Hosting;
using Ivr.Server.Practices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Dispatch;

/// <summary>
/// The clinician's side of a voice page (FastAGI script <c>page</c>): "urgent message for PRACTICE,
/// press 1 to hear it"; the caller's name, callback number digit by digit and message; then
/// 1 acknowledge, 2 call the patient back now (bridged, showing the practice's number), 3 hear it
/// again. Everything that happens is written to the message at once, so it does not matter which
/// service process the page lands on.
/// </summary>
public sealed class VoicePageHandler(
    IDispatchStore dispatch,
    IMessageStore messages,
    IPracticeStore practices,
    IAuditLog audit,
    SealedPlayback playback,
    AmiConnectionService ami,
    IOptions<PracticesOptions> practiceOptions,
    IOptions<ConferenceOptions> conference,
    TimeProvider time,
    ILogger<VoicePageHandler> logger)
{
    private static readonly TimeSpan KeyTimeout = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan PatientRing = TimeSpan.FromSeconds(30);

    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        _ = long.TryParse(channel.Request.Query.GetValueOrDefault("attempt"), NumberStyles.None, CultureInfo.InvariantCulture, out var attemptId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = channel.Request.UniqueId, ["Attempt"] = attemptId });
        var attempt = await dispatch.AttemptAsync(attemptId, cancellationToken);
        var message = attempt is null ? null : await messages.GetAsync(attempt.MessageId, cancellationToken);
        if (attempt is null || message is null || attempt.EndedAt is not null)
        {
            logger.LogWarning("Page for an unknown or finished attempt; hanging up");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        var page = new Page(attempt, message, await practices.GetAsync(message.PracticeId, cancellationToken));
        try
        {
            await channel.AnswerAsync(cancellationToken);
            await RunAsync(channel, page, cancellationToken);
        }
        catch (AgiHangupException)
        {
            await FinishAsync(page, page.Heard ? "heard" : "hung-up", page.Heard ? "heard the message, hung up without acknowledging" : "hung up before hearing the message");
        }
        finally
        {
            await FinishAsync(page, page.Heard ? "heard" : "no-response", page.Heard ? "heard the message, did not acknowledge" : "answered, nothing pressed (voicemail or no response)");
        }
    }

    private async Task RunAsync(AgiChannel channel, Page page, CancellationToken cancellationToken)
    {
        if (await AlreadyAcknowledgedAsync(page, cancellationToken))
        {
            await channel.StreamFileAsync(Prompt(PromptIds.PageAlreadyAcknowledged), string.Empty, cancellationToken);
            await FinishAsync(page, "already-acknowledged", "someone else acknowledged it before this page was answered");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        if (!await AskToHearAsync(channel, page, cancellationToken))
        {
            await channel.HangupAsync(cancellationToken);
            return;
        }

        await dispatch.AdvanceAsync(page.Message.Id, MessageStatus.Delivered, page.Attempt.Recipient, "heard on a voice page", time.GetUtcNow(), CancellationToken.None);
        page.Heard = true;
        for (var round = 0; round < 3; round++)
        {
            await PlayMessageAsync(channel, page, cancellationToken);
            var key = await MenuAsync(channel, cancellationToken);
            if (key == '1')
            {
                await AcknowledgeAsync(channel, page, "pressed 1 on the voice page", cancellationToken);
                await channel.HangupAsync(cancellationToken);
                return;
            }

            if (key == '2')
            {
                await AcknowledgeAsync(channel, page, "pressed 2 on the voice page: calling the patient back", cancellationToken);
                await CallPatientBackAsync(channel, page, cancellationToken);
                await channel.HangupAsync(cancellationToken);
                return;
            }

            if (key != '3')
            {
                break;
            }
        }

        await channel.HangupAsync(cancellationToken);
    }

    private async Task<bool> AskToHearAsync(AgiChannel channel, Page page, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 2; i++)
        {
            var key = (await channel.StreamFileAsync(Prompt(PromptIds.PageIntro), "1", cancellationToken)).Digit
                ?? (await channel.StreamFileAsync(Prompt(page.Practice?.NamePromptId ?? "practice-name-default"), "1", cancellationToken)).Digit
                ?? (await channel.StreamFileAsync(Prompt(PromptIds.PagePress1), "1", cancellationToken)).Digit
                ?? await channel.WaitForDigitAsync(KeyTimeout, cancellationToken);
            if (key == '1')
            {
                return true;
            }
        }

        return false;
    }

    private async Task PlayMessageAsync(AgiChannel channel, Page page, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), page.Attempt.Recipient, "message.play", "message", page.Message.Id.ToString(CultureInfo.InvariantCulture), "voice page"), CancellationToken.None);
        using (var name = await playback.OpenAsync(page.Message.NameRecording, cancellationToken))
        {
            if (name is not null)
            {
                await channel.StreamFileAsync(Prompt(PromptIds.PageCallerName), string.Empty, cancellationToken);
                await channel.StreamFileAsync(name.AsteriskName, string.Empty, cancellationToken);
            }
        }

        if (page.Message.CallbackNumber is { Length: > 0 } callback && callback.All(char.IsAsciiDigit))
        {
            await channel.StreamFileAsync(Prompt(PromptIds.PageCallback), string.Empty, cancellationToken);
            await channel.SayDigitsAsync(callback, string.Empty, cancellationToken);
        }
        else
        {
            await channel.StreamFileAsync(Prompt(PromptIds.PageNoCallback), string.Empty, cancellationToken);
        }

        using var recording = await playback.OpenAsync(page.Message.MessageRecording, cancellationToken);
        if (recording is not null)
        {
            await channel.StreamFileAsync(Prompt(PromptIds.PageMessage), string.Empty, cancellationToken);
            await channel.StreamFileAsync(recording.AsteriskName, string.Empty, cancellationToken);
        }
    }

    private static async Task<char?> MenuAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 2; i++)
        {
            var key = (await channel.StreamFileAsync(Prompt(PromptIds.PageMenu), "123", cancellationToken)).Digit
                ?? await channel.WaitForDigitAsync(KeyTimeout, cancellationToken);
            if (key is '1' or '2' or '3')
            {
                return key;
            }
        }

        return null;
    }

    private async Task AcknowledgeAsync(AgiChannel channel, Page page, string how, CancellationToken cancellationToken)
    {
        var acknowledged = await dispatch.AdvanceAsync(page.Message.Id, MessageStatus.Acknowledged, page.Attempt.Recipient, how, time.GetUtcNow(), CancellationToken.None);
        await FinishAsync(page, acknowledged ? "acknowledged" : "already-acknowledged", how);
        logger.LogInformation("Message {MessageId} acknowledged by {ClinicianId} on a voice page", page.Message.Id, page.Attempt.Recipient);
        await channel.StreamFileAsync(Prompt(acknowledged ? PromptIds.PageAcknowledged : PromptIds.PageAlreadyAcknowledged), string.Empty, cancellationToken);
    }

    /// <summary>Calls the patient, showing the practice's number (never the clinician's), and bridges the two in a ConfBridge room.</summary>
    private async Task CallPatientBackAsync(AgiChannel channel, Page page, CancellationToken cancellationToken)
    {
        if (page.Message.CallbackNumber is not { Length: > 0 } number || !number.All(char.IsAsciiDigit))
        {
            await channel.StreamFileAsync(Prompt(PromptIds.PageNoCallback), string.Empty, cancellationToken);
            return;
        }

        await channel.StreamFileAsync(Prompt(PromptIds.PageCallingPatient), string.Empty, cancellationToken);
        var options = conference.Value;
        var room = $"callback-{page.Message.Id}-{page.Attempt.Id}";
        var shown = page.Practice?.Numbers.FirstOrDefault() ?? "answering-service";
        var client = await ami.ClientAsync(cancellationToken);
        var originate = new AmiAction("Originate")
            .Add("Channel", practiceOptions.Value.PhoneDialTemplate.Replace("{number}", number, StringComparison.Ordinal))
            .Add("Application", "ConfBridge")
            .Add("Data", $"{room},{options.BridgeProfile},{options.CallerProfile}")
            .Add("Timeout", ((int)PatientRing.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            .Add("CallerID", $"\"{page.Practice?.Name ?? "Answering service"}\" <{shown}>")
            .Add("ChannelId", room + "-patient");
        AmiOriginateResult result;
        try
        {
            result = await client.OriginateAsync(originate, PatientRing + TimeSpan.FromSeconds(15), cancellationToken);
        }
        catch (AmiException exception)
        {
            logger.LogWarning("Calling the patient back for message {MessageId} failed: {Reason}", page.Message.Id, exception.Message);
            await channel.StreamFileAsync(Prompt(PromptIds.PagePatientNoAnswer), string.Empty, cancellationToken);
            return;
        }

        if (!result.Answered)
        {
            await channel.StreamFileAsync(Prompt(PromptIds.PagePatientNoAnswer), string.Empty, cancellationToken);
            return;
        }

        await dispatch.AdvanceAsync(page.Message.Id, MessageStatus.Resolved, page.Attempt.Recipient, "called the patient back from the voice page; the patient answered", time.GetUtcNow(), CancellationToken.None);
        await channel.ExecAsync("ConfBridge", $"{room},{options.BridgeProfile},{options.PhysicianProfile}", cancellationToken);
    }

    private async Task<bool> AlreadyAcknowledgedAsync(Page page, CancellationToken cancellationToken) =>
        (await messages.GetAsync(page.Message.Id, cancellationToken))?.Status >= MessageStatus.Acknowledged;

    private Task FinishAsync(Page page, string outcome, string detail) =>
        dispatch.FinishAttemptAsync(page.Attempt.Id, time.GetUtcNow(), outcome, detail, CancellationToken.None);

    private static string Prompt(string id) => $"ivr/{id}";

    private sealed class Page(DispatchAttempt attempt, PatientMessage message, Practice? practice)
    {
        public DispatchAttempt Attempt => attempt;

        public PatientMessage Message => message;

        public Practice? Practice => practice;

        public bool Heard { get; set; }
    }
}
