namespace Ivr.Domain.Triage;

/// <summary>
/// One nurse's triage of one call: protocols used one after another, one question at a time. In each
/// protocol the first "yes" sets its disposition and "no" to every question gives its default; the
/// call's computed disposition is the most urgent reached. "Back" undoes the last answer. The nurse may
/// then override (a reason always; a downgrade goes to the physician's review) and complete, which gives
/// the <see cref="TriagePathway"/> to keep. Times come from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class TriageSession
{
    private readonly List<ProtocolRun> _runs = [];
    private readonly TimeProvider _time;
    private TriageOverride? _override;
    private TriagePathway? _completed;

    public TriageSession(string nurse, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(nurse))
        {
            throw new TriageException("a triage names its nurse");
        }

        Nurse = nurse;
        _time = time;
        StartedAt = time.GetUtcNow();
    }

    public string Nurse { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The protocol being worked (the last one used), or null before the first.</summary>
    public TriageProtocol? Current => _runs.Count > 0 ? _runs[^1].Protocol : null;

    /// <summary>The question to ask next in the current protocol; null once it has reached its disposition.</summary>
    public TriageQuestion? CurrentQuestion => _runs.Count > 0 ? _runs[^1].NextQuestion : null;

    /// <summary>The disposition the current protocol reached, or null while its questions go on.</summary>
    public Disposition? CurrentDisposition => _runs.Count > 0 ? _runs[^1].Reached : null;

    /// <summary>The care advice to read for the current protocol's disposition (empty while it goes on, or when it has none).</summary>
    public string CurrentCareAdvice => _runs.Count > 0 ? _runs[^1].CareAdvice : string.Empty;

    /// <summary>The most urgent disposition any protocol reached; null while none has.</summary>
    public Disposition? Computed => _runs.Select(r => r.Reached).OfType<Disposition>().Order().Cast<Disposition?>().FirstOrDefault();

    public TriageOverride? Override => _override;

    /// <summary>The override's disposition, else the computed one.</summary>
    public Disposition? Final => _override?.To ?? Computed;

    /// <summary>The protocols used so far, as the pathway will keep them.</summary>
    public IReadOnlyList<PathwayProtocol> Protocols => [.. _runs.Select(r => r.ToPathway())];

    /// <summary>
    /// Works <paramref name="protocol"/> next. A protocol left before its first answer is replaced (the
    /// nurse picked the wrong one); one left part-way stays on the pathway, unfinished.
    /// </summary>
    public void Use(TriageProtocol protocol)
    {
        EnsureOpen();
        if (_runs.Any(r => r.Protocol.Id == protocol.Id && r.Answers.Count > 0))
        {
            throw new TriageException($"protocol '{protocol.Id}' is already used in this call; go back to change its answers");
        }

        if (_runs.Count > 0 && _runs[^1].Answers.Count == 0)
        {
            _runs.RemoveAt(_runs.Count - 1);
        }

        _runs.Add(new ProtocolRun(protocol, _time.GetUtcNow()));
    }

    /// <summary>Answers the current question; returns the disposition when this answer reached one.</summary>
    public Disposition? Answer(bool yes)
    {
        EnsureOpen();
        var run = _runs.Count > 0 ? _runs[^1] : throw new TriageException("choose a protocol first");
        var question = run.NextQuestion ?? throw new TriageException($"protocol '{run.Protocol.Id}' has reached its disposition; go back to change an answer, or use another protocol");
        run.Answers.Add(new PathwayAnswer(question.Id, question.Text, yes, _time.GetUtcNow()));
        return run.Reached;
    }

    /// <summary>
    /// Undoes the last answer of the call: in the current protocol, or, when it has none yet, the last
    /// answer of the protocol before it (the empty one is dropped). False when there is nothing to undo.
    /// </summary>
    public bool Back()
    {
        EnsureOpen();
        while (_runs.Count > 0)
        {
            var run = _runs[^1];
            if (run.Answers.Count > 0)
            {
                run.Answers.RemoveAt(run.Answers.Count - 1);
                return true;
            }

            if (_runs.Count == 1)
            {
                return false;
            }

            _runs.RemoveAt(_runs.Count - 1);
        }

        return false;
    }

    /// <summary>
    /// Moves the final disposition away from the computed one, with a reason. Upward needs only the
    /// reason; downward also puts the triage on the physician's review list
    /// (<see cref="TriageOverride.NeedsPhysicianReview"/>, for the caller to act on). Answers are then
    /// frozen until <see cref="UndoOverride"/>, so the override always names the disposition it moved.
    /// </summary>
    public TriageOverride OverrideTo(Disposition to, string reason)
    {
        EnsureOpen();
        var computed = Computed ?? throw new TriageException("no protocol has reached a disposition yet; there is nothing to override");
        if (to == computed)
        {
            throw new TriageException($"'{Dispositions.Words(to)}' is the computed disposition; there is nothing to override");
        }

        if (ProtocolRules.Text("the reason for an override", reason ?? string.Empty) is { } problem)
        {
            throw new TriageException(to.IsMoreUrgent(computed) ? problem : problem + " (a downgrade is reviewed by the on-call physician, who reads it)");
        }

        _override = new TriageOverride(computed, to, reason!.Trim(), Nurse, _time.GetUtcNow());
        return _override;
    }

    public void UndoOverride()
    {
        EnsureOpen(allowOverride: true);
        _override = null;
    }

    /// <summary>Ends the triage; the pathway is what is kept. At least one protocol must have reached a disposition.</summary>
    public TriagePathway Complete(string note = "")
    {
        EnsureOpen(allowOverride: true);
        var computed = Computed ?? throw new TriageException("no protocol has reached a disposition yet");
        if (note.Length > ProtocolRules.MaxTextLength)
        {
            throw new TriageException($"the note is longer than {ProtocolRules.MaxTextLength} characters");
        }

        _completed = new TriagePathway
        {
            Nurse = Nurse,
            StartedAt = StartedAt,
            CompletedAt = _time.GetUtcNow(),
            Protocols = Protocols,
            Computed = computed,
            Override = _override,
            Note = note.Trim(),
        };
        return _completed;
    }

    private void EnsureOpen(bool allowOverride = false)
    {
        if (_completed is not null)
        {
            throw new TriageException("this triage is complete");
        }

        if (!allowOverride && _override is not null)
        {
            throw new TriageException("the disposition is overridden; undo the override before changing the answers");
        }
    }

    private sealed class ProtocolRun(TriageProtocol protocol, DateTimeOffset startedAt)
    {
        public TriageProtocol Protocol { get; } = protocol;

        public List<PathwayAnswer> Answers { get; } = [];

        /// <summary>The question answered "yes" (always the last answer), if any.</summary>
        private TriageQuestion? Yes => Answers.Count > 0 && Answers[^1].Yes ? Protocol.Questions[Answers.Count - 1] : null;

        private bool AllNo => Answers.Count == Protocol.Questions.Count && !Answers[^1].Yes;

        public TriageQuestion? NextQuestion => Yes is null && !AllNo ? Protocol.Questions[Answers.Count] : null;

        public Disposition? Reached => Yes?.Disposition ?? (AllNo ? Protocol.DefaultDisposition : null);

        public string CareAdvice => Yes is { } yes ? yes.CareAdvice ?? string.Empty : AllNo ? Protocol.HomeCareAdvice : string.Empty;

        public PathwayProtocol ToPathway() => new()
        {
            Id = Protocol.Id,
            Version = Protocol.Version,
            Title = Protocol.Title,
            IsExample = Protocol.IsExample,
            StartedAt = startedAt,
            Answers = [.. Answers],
            Reached = Reached,
            CareAdvice = CareAdvice,
        };
    }
}
