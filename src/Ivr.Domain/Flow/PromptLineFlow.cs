using System.Globalization;
using System.Runtime.ExceptionServices;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Prompts;
using Stateless;
using Stateless.Reflection;

namespace Ivr.Domain.Flow;

/// <summary>
/// The telephone prompt-recording line: a supervisor (the answering service's shared prompts) or a practice admin (their
/// practice's prompts and greeting) keys their PIN, then a prompt's number (<see cref="PromptNumbers"/>), hears what it
/// says now, records after the tone and hears the recording back: 1 keeps it, 2 records again, 3 plays it again, *
/// goes to another prompt. Three wrong PINs end the call, and many across calls close the line to PINs for a while. Nothing is kept until 1 is pressed, so hanging up before
/// keeps nothing; every kept recording is audited.
/// </summary>
public sealed class PromptLineFlow
{
    /// <summary>Wrong PINs before the line says goodbye.</summary>
    public const int PinAttempts = 3;

    /// <summary>
    /// Wrong PINs, from every caller and call, within <see cref="PinGuessWindow"/> that close the line to PINs: three a
    /// call would otherwise let anyone who calls again guess without end. A closed line says so and takes no PIN until the
    /// oldest of them is older than the window; the portal's prompt page works as ever.
    /// </summary>
    public const int LineClosesAfterWrongPins = 20;

    /// <summary>How far back wrong PINs count towards closing the line.</summary>
    public static readonly TimeSpan PinGuessWindow = TimeSpan.FromHours(1);

    /// <summary>The audit action of each wrong PIN (no digits, no caller number): what the line counts.</summary>
    public const string WrongPinAction = "prompt-line.pin-wrong";

    /// <summary>Unanswered or unusable questions before the line says goodbye.</summary>
    public const int QuestionAttempts = 3;

    /// <summary>The longest recording.</summary>
    public static readonly TimeSpan MaxRecording = TimeSpan.FromSeconds(60);

    private const int RecordingSilenceSeconds = 3;

    private readonly IPromptLineChannel _channel;
    private readonly PromptLineSession _session;
    private readonly PromptLineDependencies _dependencies;
    private readonly StateMachine<PromptLineState, PromptLineTrigger> _machine;
    private CancellationToken _cancellationToken;
    private ExceptionDispatchInfo? _failure;
    private bool _playDraft;

    public PromptLineFlow(IPromptLineChannel channel, PromptLineSession session, PromptLineDependencies dependencies)
    {
        _channel = channel;
        _session = session;
        _dependencies = dependencies;
        _machine = Define();
    }

    private TimeSpan KeyTimeout => _dependencies.Options.ClinicianKeyTimeout;

    /// <summary>The line's structure, for diagrams: the same definition calls run, built with no call behind it.</summary>
    public static StateMachineInfo Describe(CallFlowOptions? options = null)
    {
        var dependencies = new PromptLineDependencies(
            Unplugged.Of<IPromptPinStore>(), Unplugged.Of<IUserStore>(), Unplugged.Of<IPromptRecordingStore>(), Unplugged.Of<Practices.IPracticeStore>(),
            Unplugged.Of<IPromptAudio>(), Unplugged.Of<IAuditLog>(), Unplugged.Of<IAuditTrail>(), [], TimeProvider.System, options ?? new CallFlowOptions());
        return new PromptLineFlow(Unplugged.Of<IPromptLineChannel>(), new PromptLineSession("described"), dependencies)._machine.GetInfo();
    }

    /// <summary>Runs the call to its end. An unexpected error is rethrown once the call has ended; nothing unkept is kept.</summary>
    public async Task<PromptLineSession> RunAsync(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        await _machine.FireAsync(PromptLineTrigger.Continue).ConfigureAwait(false);
        _failure?.Throw();
        return _session;
    }

    private StateMachine<PromptLineState, PromptLineTrigger> Define()
    {
        var machine = new StateMachine<PromptLineState, PromptLineTrigger>(() => _session.State, state => _session.State = state, FiringMode.Queued);
        machine.OnTransitioned(transition =>
        {
            if (!transition.IsReentry)
            {
                _session.Attempts = 0;
            }
        });

        machine.Configure(PromptLineState.Incoming)
            .Permit(PromptLineTrigger.Continue, PromptLineState.Answering);

        machine.Configure(PromptLineState.OnLine)
            .Permit(PromptLineTrigger.HungUp, PromptLineState.HungUp)
            .Permit(PromptLineTrigger.Failed, PromptLineState.Failed);

        machine.Configure(PromptLineState.Answering)
            .SubstateOf(PromptLineState.OnLine)
            .OnEntryAsync(() => StepAsync(AnswerAsync), "answer")
            .Permit(PromptLineTrigger.Continue, PromptLineState.AskingPin);

        machine.Configure(PromptLineState.AskingPin)
            .SubstateOf(PromptLineState.OnLine)
            .OnEntryAsync(() => StepAsync(AskPinAsync), "enter your PIN: a supervisor's or a practice admin's, set with ivr prompt-pin")
            .Permit(PromptLineTrigger.PinAccepted, PromptLineState.AskingNumber)
            .Permit(PromptLineTrigger.LineClosed, PromptLineState.SayingGoodbye)
            .PermitReentryIf(PromptLineTrigger.PinRefused, () => _session.Attempts < PinAttempts, $"fewer than {PinAttempts} wrong PINs")
            .PermitIf(PromptLineTrigger.PinRefused, PromptLineState.SayingGoodbye, () => _session.Attempts >= PinAttempts, $"{PinAttempts} wrong PINs (audited)");

        machine.Configure(PromptLineState.AskingNumber)
            .SubstateOf(PromptLineState.OnLine)
            .OnEntryAsync(() => StepAsync(AskNumberAsync), "enter the prompt's number (its place in the manifest; 0 the practice's greeting)")
            .Permit(PromptLineTrigger.KnownPrompt, PromptLineState.PlayingCurrent)
            .PermitReentryIf(PromptLineTrigger.UnknownPrompt, () => _session.Attempts < QuestionAttempts, $"asked fewer than {QuestionAttempts} times")
            .PermitIf(PromptLineTrigger.UnknownPrompt, PromptLineState.SayingGoodbye, () => _session.Attempts >= QuestionAttempts, "no prompt chosen")
            .PermitReentryIf(PromptLineTrigger.NoInput, () => _session.Attempts < QuestionAttempts, $"asked fewer than {QuestionAttempts} times")
            .PermitIf(PromptLineTrigger.NoInput, PromptLineState.SayingGoodbye, () => _session.Attempts >= QuestionAttempts, "nothing entered");

        machine.Configure(PromptLineState.PlayingCurrent)
            .SubstateOf(PromptLineState.OnLine)
            .OnEntryAsync(() => StepAsync(PlayCurrentAsync), "the prompt now says: its recording, or the default voice")
            .Permit(PromptLineTrigger.Continue, PromptLineState.Recording);

        machine.Configure(PromptLineState.Recording)
            .SubstateOf(PromptLineState.OnLine)
            .OnEntryAsync(() => StepAsync(RecordAsync), "record after the tone; made into a draft at the prompts' level")
            .Permit(PromptLineTrigger.Recorded, PromptLineState.Reviewing)
            .PermitReentryIf(PromptLineTrigger.Unusable, () => _session.Attempts < QuestionAttempts, $"fewer than {QuestionAttempts} unusable recordings")
            .PermitIf(PromptLineTrigger.Unusable, PromptLineState.SayingGoodbye, () => _session.Attempts >= QuestionAttempts, "nothing usable recorded");

        machine.Configure(PromptLineState.Reviewing)
            .SubstateOf(PromptLineState.OnLine)
            .OnEntryAsync(() => StepAsync(ReviewAsync), "your recording; 1 keep, 2 record again, 3 listen again, * another prompt")
            .Permit(PromptLineTrigger.Key1, PromptLineState.Keeping)
            .Permit(PromptLineTrigger.Key2, PromptLineState.Recording)
            .PermitReentry(PromptLineTrigger.Key3)
            .Permit(PromptLineTrigger.KeyStar, PromptLineState.AskingNumber)
            .PermitReentryIf(PromptLineTrigger.NoInput, () => _session.Attempts < QuestionAttempts, $"asked fewer than {QuestionAttempts} times")
            .PermitIf(PromptLineTrigger.NoInput, PromptLineState.SayingGoodbye, () => _session.Attempts >= QuestionAttempts, "nothing pressed: nothing kept");

        machine.Configure(PromptLineState.Keeping)
            .SubstateOf(PromptLineState.OnLine)
            .OnEntryAsync(() => StepAsync(KeepAsync), "keep it as recorded by telephone (audited); callers hear it from the next call")
            .Permit(PromptLineTrigger.Continue, PromptLineState.AskingNumber);

        machine.Configure(PromptLineState.SayingGoodbye)
            .SubstateOf(PromptLineState.OnLine)
            .OnEntryAsync(() => StepAsync(GoodbyeAsync), "goodbye; hang up")
            .Permit(PromptLineTrigger.Continue, PromptLineState.Ended);

        machine.Configure(PromptLineState.HungUp)
            .OnEntryAsync(() => _machine.FireAsync(PromptLineTrigger.Continue), "end; a recording not kept is dropped")
            .Permit(PromptLineTrigger.Continue, PromptLineState.Ended);

        machine.Configure(PromptLineState.Failed)
            .OnEntryAsync(() => _machine.FireAsync(PromptLineTrigger.Continue), "end; the error is rethrown")
            .Permit(PromptLineTrigger.Continue, PromptLineState.Ended);

        machine.Configure(PromptLineState.Ended);
        return machine;
    }

    private async Task<PromptLineTrigger> AnswerAsync(CancellationToken cancellationToken)
    {
        await _channel.AnswerAsync(cancellationToken).ConfigureAwait(false);
        return PromptLineTrigger.Continue;
    }

    private async Task<PromptLineTrigger> AskPinAsync(CancellationToken cancellationToken)
    {
        if (await WrongPinsLatelyAsync(cancellationToken).ConfigureAwait(false) is var wrong && wrong >= LineClosesAfterWrongPins)
        {
            await AuditAsync("telephone", "prompt-line.closed", _session.UniqueId, $"{wrong} wrong PINs on the prompt-recording line in the last {PinGuessWindow.TotalMinutes:0} minutes: no PIN taken").ConfigureAwait(false);
            await _channel.PlayAsync([PromptIds.PromptLineClosed], cancellationToken).ConfigureAwait(false);
            return PromptLineTrigger.LineClosed;
        }

        _session.Attempts++;
        var pin = await _channel.AskDigitsAsync(PromptIds.PromptLinePin, PromptPinHash.MaximumDigits, KeyTimeout, cancellationToken).ConfigureAwait(false);
        if (await WhoseAsync(pin, cancellationToken).ConfigureAwait(false) is { } found)
        {
            (_session.User, _session.Owner) = found;
            return PromptLineTrigger.PinAccepted;
        }

        await AuditAsync("telephone", WrongPinAction, _session.UniqueId, "a wrong PIN on the prompt-recording line").ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.PromptLinePinWrong], cancellationToken).ConfigureAwait(false);
        if (_session.Attempts >= PinAttempts)
        {
            await AuditAsync("telephone", "prompt-line.refused", _session.UniqueId, $"{PinAttempts} wrong PINs on the prompt-recording line").ConfigureAwait(false);
        }

        return PromptLineTrigger.PinRefused;
    }

    /// <summary>Wrong PINs on the line from anyone within <see cref="PinGuessWindow"/>, by the audit log (shared by every process).</summary>
    private Task<int> WrongPinsLatelyAsync(CancellationToken cancellationToken) =>
        _dependencies.Trail.CountAsync(new AuditQuery(From: _dependencies.Time.GetUtcNow() - PinGuessWindow, Action: WrongPinAction), cancellationToken);

    /// <summary>The account whose PIN <paramref name="pin"/> is and whose prompts it records; null when none may.</summary>
    private async Task<(PortalUser User, string Owner)?> WhoseAsync(string pin, CancellationToken cancellationToken)
    {
        if (PromptPinHash.Problem(pin) is not null)
        {
            return null;
        }

        foreach (var candidate in await _dependencies.Pins.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!PromptPinHash.Matches(pin, candidate.Hash))
            {
                continue;
            }

            var user = await _dependencies.Users.GetAsync(candidate.UserId, cancellationToken).ConfigureAwait(false);
            return user is null || user.IsDisabled ? null : OwnerOf(user) is { } owner ? (user, owner) : null;
        }

        return null;
    }

    /// <summary>Whose prompts an account records by telephone: a supervisor the shared ones, a practice admin their practice's; nobody else any.</summary>
    public static string? OwnerOf(PortalUser user) => user.Role switch
    {
        PortalRole.Supervisor => PromptRecording.Shared,
        PortalRole.PracticeAdmin when !string.IsNullOrEmpty(user.PracticeId) => user.PracticeId,
        _ => null,
    };

    private async Task<PromptLineTrigger> AskNumberAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        _session.PromptId = null;
        _session.Draft = null;
        var digits = await _channel.AskDigitsAsync(PromptIds.PromptLineNumber, 3, KeyTimeout, cancellationToken).ConfigureAwait(false);
        if (digits.Length == 0)
        {
            return PromptLineTrigger.NoInput;
        }

        var id = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? PromptNumbers.IdOf(_dependencies.ManifestIds, number) : null;
        // The greeting is a practice's own; the shared prompts have the manifest's greeting-default instead.
        if (id is null || (id == PromptRecording.Greeting && _session.Owner == PromptRecording.Shared))
        {
            await _channel.PlayAsync([PromptIds.PromptLineUnknown], cancellationToken).ConfigureAwait(false);
            return PromptLineTrigger.UnknownPrompt;
        }

        _session.PromptId = id;
        return PromptLineTrigger.KnownPrompt;
    }

    private async Task<PromptLineTrigger> PlayCurrentAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.PromptLineCurrent], cancellationToken).ConfigureAwait(false);
        var owner = _session.Owner!;
        var prompt = _session.PromptId!;
        var recordings = await _dependencies.Recordings.AllAsync(cancellationToken).ConfigureAwait(false);
        var recording = recordings.FirstOrDefault(r => r.Owner == owner && r.PromptId == prompt)
            ?? recordings.FirstOrDefault(r => r.Owner == PromptRecording.Shared && r.PromptId == prompt);
        if (recording is not null)
        {
            await _channel.PlaySoundAsync(recording.Sound, cancellationToken).ConfigureAwait(false);
        }
        else if (prompt == PromptRecording.Greeting)
        {
            var practice = await _dependencies.Practices.GetAsync(owner, cancellationToken).ConfigureAwait(false);
            await _channel.PlayAsync([practice?.GreetingPromptId ?? PromptIds.GreetingDefault], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _channel.PlayAsync([prompt], cancellationToken).ConfigureAwait(false);
        }

        return PromptLineTrigger.Continue;
    }

    private async Task<PromptLineTrigger> RecordAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        _session.Draft = null;
        await _channel.PlayAsync([PromptIds.PromptLineRecord], cancellationToken).ConfigureAwait(false);
        var recording = await _channel.RecordAsync(MaxRecording, RecordingSilenceSeconds, cancellationToken).ConfigureAwait(false);
        if (recording.CallerHungUp)
        {
            return PromptLineTrigger.HungUp;
        }

        try
        {
            _session.Draft = await _dependencies.Audio.PrepareAsync(_session.Owner!, _session.PromptId!, recording.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (PromptAudioException)
        {
            await _channel.PlayAsync([PromptIds.PromptLineUnusable], cancellationToken).ConfigureAwait(false);
            return PromptLineTrigger.Unusable;
        }

        _playDraft = true;
        return PromptLineTrigger.Recorded;
    }

    private async Task<PromptLineTrigger> ReviewAsync(CancellationToken cancellationToken)
    {
        _session.Attempts++;
        if (_playDraft)
        {
            _playDraft = false;
            await _channel.PlayAsync([PromptIds.PromptLineYours], cancellationToken).ConfigureAwait(false);
            await _channel.PlaySoundAsync(_session.Draft!.Sound, cancellationToken).ConfigureAwait(false);
        }

        switch (await _channel.AskKeyAsync([PromptIds.PromptLineReview], "123*", KeyTimeout, cancellationToken).ConfigureAwait(false))
        {
            case '1':
                return PromptLineTrigger.Key1;
            case '2':
                return PromptLineTrigger.Key2;
            case '3':
                // Listening again is an answer, not a silence: it does not count toward the goodbye.
                _session.Attempts = 0;
                _playDraft = true;
                return PromptLineTrigger.Key3;
            case '*':
                return PromptLineTrigger.KeyStar;
            default:
                return PromptLineTrigger.NoInput;
        }
    }

    private async Task<PromptLineTrigger> KeepAsync(CancellationToken cancellationToken)
    {
        var user = _session.User!;
        var draft = _session.Draft!;
        var kept = await _dependencies.Audio.KeepAsync(draft, PromptVoice.Telephone, "telephone:" + user.Username, cancellationToken).ConfigureAwait(false);
        _session.Draft = null;
        _session.Kept.Add(kept);
        await AuditAsync(
            user.Username,
            "prompt.keep",
            $"{kept.Owner}/{kept.PromptId}",
            string.Create(CultureInfo.InvariantCulture, $"recorded by telephone on the prompt-recording line ({kept.Seconds:0.0} s)")).ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.PromptLineKept], cancellationToken).ConfigureAwait(false);
        return PromptLineTrigger.Continue;
    }

    private async Task<PromptLineTrigger> GoodbyeAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.Goodbye], cancellationToken).ConfigureAwait(false);
        await _channel.HangUpAsync(cancellationToken).ConfigureAwait(false);
        return PromptLineTrigger.Continue;
    }

    private Task AuditAsync(string actor, string action, string subject, string detail) =>
        _dependencies.Audit.RecordAsync(new AuditEntry(_dependencies.Time.GetUtcNow(), actor, action, "prompt", subject, detail), CancellationToken.None);

    /// <summary>Runs a state's work and fires the trigger it chose; a hangup becomes <see cref="PromptLineTrigger.HungUp"/>, anything unexpected <see cref="PromptLineTrigger.Failed"/>.</summary>
    private async Task StepAsync(Func<CancellationToken, Task<PromptLineTrigger>> work)
    {
        PromptLineTrigger next;
        try
        {
            next = await work(_cancellationToken).ConfigureAwait(false);
        }
        catch (CallerHungUpException)
        {
            next = PromptLineTrigger.HungUp;
        }
        catch (Exception exception) when (!_cancellationToken.IsCancellationRequested)
        {
            _failure = ExceptionDispatchInfo.Capture(exception);
            next = PromptLineTrigger.Failed;
        }

        await _machine.FireAsync(next).ConfigureAwait(false);
    }
}
