using System.Globalization;
using Ivr.Domain.Desk;

namespace Ivr.Testing.Desk;

/// <summary>
/// A desk in memory that answers as <see cref="IDeskBoard"/>'s contract says, for the portal's tests:
/// operators set their own status (refused while on a call, a break without a reason, no phone), and the
/// test plays telephony's part (<see cref="Offer"/>, <see cref="Answer"/>, <see cref="PatchStep"/>,
/// <see cref="Notify"/>). The message form is checked as the desk checks it; one message per call.
/// </summary>
public sealed class InMemoryDeskBoard(TimeProvider time) : IDeskBoard
{
    public const string CallerNameField = "callerName";
    public const string PatientNameField = "patientName";
    public const string DateOfBirthField = "dateOfBirth";
    public const string CallbackNumberField = "callbackNumber";
    public const string CallbackReadBackField = "callbackReadBack";
    public const string ReasonField = "reason";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Desk> _desks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _messages = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;
    private long _nextMessage = 100;

    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Whether a nurse takes a transfer (false: the operator keeps the call and is told).</summary>
    public bool NurseAvailable { get; set; }

    /// <summary>The forms saved, by call id, for the test to check.</summary>
    public Dictionary<string, DeskMessageForm> Saved { get; } = new(StringComparer.Ordinal);

    /// <summary>Operators the desk has no phone for (everyone else has one).</summary>
    public HashSet<string> WithoutPhone { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each call went when it left the operator (<c>released</c>, <c>nurse</c>, <c>office</c>).</summary>
    public Dictionary<string, string> Ended { get; } = new(StringComparer.Ordinal);

    /// <summary>A call for <paramref name="callId"/> with Riverside's card as tests use it.</summary>
    public static DeskCall Call(string callId, DateTimeOffset queuedAt, DeskPriority priority = DeskPriority.Urgent, bool office = false, string? callerNumber = "5551234567") => new(
        callId,
        long.Parse(callId.Split('.')[^1], CultureInfo.InvariantCulture),
        Answered: false,
        priority,
        queuedAt,
        AnsweredAt: null,
        new DeskCard(
            PortalUnderTest.PracticeA,
            "Riverside Pediatrics",
            "Riverside Pediatrics answering service, this is Sam, how can I help?",
            "Never page for prescription refills.",
            "Mon-Fri 08:00-17:00",
            office,
            [new DeskOnCall("dr-lee", "Dr. Amy Lee", "on call tonight"), new DeskOnCall("dr-patel", "Dr. Raj Patel", "backup")],
            callerNumber,
            office),
        [new DeskPathStep(queuedAt.AddSeconds(-20), "greeting played"), new DeskPathStep(queuedAt.AddSeconds(-8), "pressed 0: speak with someone now"), new DeskPathStep(queuedAt, "joined the desk's queue")],
        MessageId: null,
        Patch: null,
        Notice: null);

    /// <summary>How many desk pages of each operator are open now.</summary>
    public Dictionary<string, int> Watching { get; } = new(StringComparer.Ordinal);

    /// <summary>Every card a desk page was sent, as <c>operator:callId</c>, in order.</summary>
    public List<string> CardsShown { get; } = [];

    public IDisposable Watch(string operatorName)
    {
        lock (Watching)
        {
            Watching[operatorName] = Watching.GetValueOrDefault(operatorName) + 1;
        }

        return new Unwatch(() =>
        {
            lock (Watching)
            {
                Watching[operatorName]--;
            }
        });
    }

    public void CardShown(string operatorName, string callId)
    {
        lock (CardsShown)
        {
            CardsShown.Add($"{operatorName}:{callId}");
        }
    }

    private sealed class Unwatch(Action undo) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                undo();
            }
        }
    }

    public DeskView View(string operatorName)
    {
        lock (_gate)
        {
            var desk = DeskOf(operatorName);
            return new DeskView(operatorName, desk.Status, desk.Reason, !WithoutPhone.Contains(operatorName), desk.Call, _version);
        }
    }

    public DeskFloor Floor()
    {
        lock (_gate)
        {
            return new DeskFloor(
                [],
                _desks.Where(d => d.Value.Status != OperatorStatus.SignedOut).OrderBy(d => d.Key, StringComparer.Ordinal)
                    .Select(d => new DeskOperatorState(d.Key, d.Value.Status, d.Value.Reason, time.GetUtcNow(), d.Value.Call?.CallId, d.Value.Call?.Card.PracticeId))
                    .ToArray(),
                time.GetUtcNow(),
                _version);
        }
    }

    public Task<DeskResult> SetStatusAsync(string operatorName, OperatorStatus status, string? reason, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var desk = DeskOf(operatorName);
            if (status is not (OperatorStatus.Available or OperatorStatus.OnBreak or OperatorStatus.WrapUp or OperatorStatus.SignedOut))
            {
                return Refused($"you cannot set yourself {status}");
            }

            if (desk.Status is OperatorStatus.Offered or OperatorStatus.OnCall)
            {
                return Refused("you have a call: release it first");
            }

            if (status == OperatorStatus.OnBreak && string.IsNullOrWhiteSpace(reason))
            {
                return Refused("a break needs a reason");
            }

            if (status == OperatorStatus.Available && WithoutPhone.Contains(operatorName))
            {
                return Refused("you have no phone for the desk to ring");
            }

            desk.Status = status;
            desk.Reason = status == OperatorStatus.OnBreak ? reason!.Trim() : null;
            return Done();
        }
    }

    public Task<DeskSaveResult> SaveMessageAsync(string operatorName, DeskMessageForm form, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (DeskOf(operatorName).Call is not { Answered: true } call)
            {
                return Task.FromResult(new DeskSaveResult(null, false, new Dictionary<string, string>(), "you have no call to take a message for"));
            }

            if (_messages.TryGetValue(call.CallId, out var existing))
            {
                return Task.FromResult(new DeskSaveResult(existing, false, new Dictionary<string, string>(), null));
            }

            var errors = Check(form);
            if (errors.Count > 0)
            {
                return Task.FromResult(new DeskSaveResult(null, false, errors, null));
            }

            var id = ++_nextMessage;
            _messages[call.CallId] = id;
            Saved[call.CallId] = form;
            Change(operatorName, call with { MessageId = id });
            return Task.FromResult(new DeskSaveResult(id, true, new Dictionary<string, string>(), null));
        }
    }

    public Task<DeskResult> PatchAsync(string operatorName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (DeskOf(operatorName).Call is not { Answered: true } call)
            {
                return Refused("you have no call to patch");
            }

            if (call.Patch is { State: not DeskPatchState.Exhausted })
            {
                return Refused("a patch is under way");
            }

            var first = call.Card.OnCall.FirstOrDefault();
            if (first is null)
            {
                return Refused("nobody is on call");
            }

            Change(operatorName, call with { Patch = new DeskPatch(DeskPatchState.Ringing, [new DeskPatchStep(1, first.ClinicianId, "ringing")]) });
            return Done();
        }
    }

    public Task<DeskResult> TransferAsync(string operatorName, DeskTransferTarget target, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var desk = DeskOf(operatorName);
            if (desk.Call is not { Answered: true } call)
            {
                return Refused("you have no call to transfer");
            }

            if (target == DeskTransferTarget.Office && !call.Card.CanTransferToOffice)
            {
                return Refused("the office is closed");
            }

            if (target == DeskTransferTarget.Nurse && !NurseAvailable)
            {
                const string Why = "No nurse is available: you keep the call.";
                Change(operatorName, call with { Notice = Why });
                return Refused(Why);
            }

            Ended[call.CallId] = target == DeskTransferTarget.Nurse ? "nurse" : "office";
            desk.Call = null;
            desk.Status = OperatorStatus.WrapUp;
            return Done();
        }
    }

    public Task<DeskResult> ReleaseAsync(string operatorName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var desk = DeskOf(operatorName);
            if (desk.Call is not { Answered: true } call)
            {
                return Refused("you have no call to release");
            }

            Ended[call.CallId] = "released";
            desk.Call = null;
            desk.Status = OperatorStatus.WrapUp;
            return Done();
        }
    }

    /// <summary>Telephony offers <paramref name="call"/> to an available operator: their phone rings.</summary>
    public void Offer(string operatorName, DeskCall call)
    {
        lock (_gate)
        {
            var desk = DeskOf(operatorName);
            if (desk.Status != OperatorStatus.Available)
            {
                throw new InvalidOperationException($"{operatorName} is {desk.Status}, not available");
            }

            desk.Status = OperatorStatus.Offered;
            desk.Call = call;
            Bump();
        }
    }

    /// <summary>The operator picked up.</summary>
    public void Answer(string operatorName)
    {
        lock (_gate)
        {
            var desk = DeskOf(operatorName);
            desk.Status = OperatorStatus.OnCall;
            desk.Call = desk.Call! with { Answered = true, AnsweredAt = time.GetUtcNow() };
            Bump();
        }
    }

    /// <summary>The offer rang out: the call goes back and the operator is paused with why.</summary>
    public void RingOut(string operatorName)
    {
        lock (_gate)
        {
            var desk = DeskOf(operatorName);
            desk.Call = null;
            desk.Status = OperatorStatus.Paused;
            desk.Reason = "you did not answer a call within 15 s";
            Bump();
        }
    }

    /// <summary>The clinician rung last answers <paramref name="result"/>; a decline or no answer rings the next, an accept connects.</summary>
    public void PatchStep(string operatorName, string result)
    {
        lock (_gate)
        {
            var call = DeskOf(operatorName).Call!;
            var patch = call.Patch!;
            var steps = patch.Steps.ToList();
            var last = steps[^1];
            steps[^1] = last with { Result = result };
            var state = DeskPatchState.Connected;
            if (result != "accepted")
            {
                var next = call.Card.OnCall.ElementAtOrDefault(last.Attempt);
                state = next is null ? DeskPatchState.Exhausted : DeskPatchState.Ringing;
                if (next is not null)
                {
                    steps.Add(new DeskPatchStep(last.Attempt + 1, next.ClinicianId, "ringing"));
                }
            }

            Change(operatorName, call with { Patch = new DeskPatch(state, steps) });
        }
    }

    /// <summary>Telephony tells the operator something about their call.</summary>
    public void Notify(string operatorName, string notice)
    {
        lock (_gate)
        {
            Change(operatorName, DeskOf(operatorName).Call! with { Notice = notice });
        }
    }

    private static Dictionary<string, string> Check(DeskMessageForm form)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(form.CallerName))
        {
            errors[CallerNameField] = "the caller's name is needed";
        }

        if (string.IsNullOrWhiteSpace(form.PatientName))
        {
            errors[PatientNameField] = "the patient's name is needed";
        }

        if (form.DateOfBirth.Length > 0 && !DateOnly.TryParseExact(form.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors[DateOfBirthField] = "a date as yyyy-mm-dd";
        }

        var digits = form.CallbackNumber.Count(char.IsAsciiDigit);
        if (digits is < 7 or > 15 || form.CallbackNumber.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '+')))
        {
            errors[CallbackNumberField] = "a phone number of 7 to 15 digits";
        }
        else if (!form.CallbackReadBack)
        {
            errors[CallbackReadBackField] = "read the number back to the caller and tick the box";
        }

        if (string.IsNullOrWhiteSpace(form.Reason))
        {
            errors[ReasonField] = "say why they call";
        }

        return errors;
    }

    private Desk DeskOf(string operatorName)
    {
        if (!_desks.TryGetValue(operatorName, out var desk))
        {
            desk = new Desk();
            _desks[operatorName] = desk;
        }

        return desk;
    }

    private void Change(string operatorName, DeskCall call)
    {
        DeskOf(operatorName).Call = call;
        Bump();
    }

    private Task<DeskResult> Done()
    {
        Bump();
        return Task.FromResult(DeskResult.Ok);
    }

    private Task<DeskResult> Refused(string why) => Task.FromResult(DeskResult.Refused(why));

    /// <summary>Called under the lock: a new version, and whoever waits on <see cref="Changed"/> wakes.</summary>
    private void Bump()
    {
        _version++;
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed class Desk
    {
        public OperatorStatus Status { get; set; } = OperatorStatus.SignedOut;

        public string? Reason { get; set; }

        public DeskCall? Call { get; set; }
    }
}
