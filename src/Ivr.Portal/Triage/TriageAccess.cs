using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;

namespace Ivr.Portal.Triage;

/// <summary>
/// The one way the portal reaches a triage: nurses and the supervisor triage, everyone else is refused (403,
/// audited as <c>triage.denied</c>). A nurse triages the call they are on at the desk (or one they already
/// started a triage of, e.g. after releasing it); the supervisor any call record they name. Every read and
/// step of a triage is audited on the call with the nurse's name, never what was asked, answered or typed.
/// Finishing saves the pathway and the practice's message (<see cref="TriageFinish"/>), which dispatch then
/// pages or keeps for the morning report like any other message.
/// </summary>
public sealed class TriageAccess(
    TriageSessions sessions,
    IProtocolStore protocols,
    ITriageRecordStore records,
    IMessageStore messages,
    ICallRecordStore calls,
    IPracticeStore practices,
    IAuditLog audit,
    TimeProvider time,
    ILogger<TriageAccess> logger,
    IDeskBoard? board = null)
{
    /// <summary>The protocols (latest versions) whose title or search words start with every word typed; <c>triage.search</c> is audited only when refused (a search reads no patient data).</summary>
    public async Task<(TriageAccessStatus Status, IReadOnlyList<TriageProtocol> Found)> SearchAsync(PortalIdentity who, string? query, ProtocolAudience? audience, CancellationToken cancellationToken = default)
    {
        if (!who.Triages)
        {
            await DenyAsync(who, "search", null, PortalRoles.Name(who.Role), cancellationToken);
            return (TriageAccessStatus.Denied, []);
        }

        var latest = await protocols.LatestAsync(cancellationToken);
        return (TriageAccessStatus.Open, ProtocolSearch.Find(latest, query ?? string.Empty, audience));
    }

    /// <summary>Whether <paramref name="who"/> may open the triage screen; a refusal is audited as <c>triage.denied</c>.</summary>
    public async Task<bool> AllowsAsync(PortalIdentity who, CancellationToken cancellationToken = default)
    {
        if (who.Triages)
        {
            return true;
        }

        await DenyAsync(who, "page", null, PortalRoles.Name(who.Role), cancellationToken);
        return false;
    }

    /// <summary>The triage of the call as it stands (not started yet: an empty one), audited as <c>triage.view</c>.</summary>
    public Task<TriageAnswer> ViewAsync(PortalIdentity who, long? callRecordId, CancellationToken cancellationToken = default) =>
        RunAsync(who, callRecordId, "view", start: false, (_, draft) => Task.FromResult(draft is null ? "not started" : draft.Finished is null ? "open" : "finished"), cancellationToken);

    /// <summary>Starts the nurse's triage of the call (the same one again when it is started already).</summary>
    public Task<TriageAnswer> StartAsync(PortalIdentity who, long? callRecordId, CancellationToken cancellationToken = default) =>
        RunAsync(who, callRecordId, "start", start: true, (_, _) => Task.FromResult("started"), cancellationToken);

    /// <summary>Works the latest version of protocol <paramref name="protocolId"/> next (starting the triage if need be).</summary>
    public Task<TriageAnswer> UseAsync(PortalIdentity who, long? callRecordId, string protocolId, CancellationToken cancellationToken = default) =>
        RunAsync(who, callRecordId, "protocol", start: true, async (_, draft) =>
        {
            var protocol = await protocols.GetAsync(protocolId.Trim(), cancellationToken: cancellationToken)
                ?? throw new TriageException($"there is no protocol '{protocolId.Trim()}'; search again");
            draft!.Session.Use(protocol);
            // The protocol's id names the symptom: the audit counts protocols, it does not name them.
            return Invariant($"protocol {draft.Session.Protocols.Count} in use");
        }, cancellationToken);

    /// <summary>Answers the current question yes or no.</summary>
    public Task<TriageAnswer> AnswerAsync(PortalIdentity who, long? callRecordId, bool yes, CancellationToken cancellationToken = default) =>
        RunAsync(who, callRecordId, "answer", start: false, (_, draft) =>
        {
            var session = Started(draft).Session;
            var number = session.Protocols is [.., var current] ? current.Answers.Count + 1 : 0;
            var reached = session.Answer(yes);
            return Task.FromResult(Invariant($"question {number} of protocol {session.Protocols.Count} answered{(reached is null ? string.Empty : ", a disposition reached")}"));
        }, cancellationToken);

    /// <summary>Undoes the last answer.</summary>
    public Task<TriageAnswer> BackAsync(PortalIdentity who, long? callRecordId, CancellationToken cancellationToken = default) =>
        RunAsync(who, callRecordId, "back", start: false, (_, draft) =>
            Task.FromResult(Started(draft).Session.Back() ? "last answer undone" : "nothing to undo"), cancellationToken);

    /// <summary>
    /// Overrides the computed disposition with <paramref name="code"/> and a reason, replacing an override made
    /// before (which stays when the new one is refused); no code undoes the override.
    /// </summary>
    public Task<TriageAnswer> OverrideAsync(PortalIdentity who, long? callRecordId, string? code, string? reason, CancellationToken cancellationToken = default) =>
        RunAsync(who, callRecordId, "override", start: false, (_, draft) =>
        {
            var session = Started(draft).Session;
            if (string.IsNullOrWhiteSpace(code))
            {
                session.UndoOverride();
                return Task.FromResult("override undone");
            }

            if (!Dispositions.TryParse(code.Trim(), out var to))
            {
                throw new TriageException($"'{code.Trim()}' is not a disposition; choose one of {Dispositions.Choices}");
            }

            var before = session.Override;
            session.UndoOverride();
            try
            {
                var moved = session.OverrideTo(to.Value, reason ?? string.Empty);
                return Task.FromResult(moved.NeedsPhysicianReview ? "overridden down (physician review)" : "overridden up");
            }
            catch (TriageException) when (before is not null)
            {
                session.OverrideTo(before.To, before.Reason);
                throw;
            }
        }, cancellationToken);

    /// <summary>Keeps the nurse's note (the screen saves it as it is typed).</summary>
    public Task<TriageAnswer> NoteAsync(PortalIdentity who, long? callRecordId, string? note, CancellationToken cancellationToken = default) =>
        RunAsync(who, callRecordId, "note", start: false, (_, draft) =>
        {
            var text = note ?? string.Empty;
            if (text.Length > ProtocolRules.MaxTextLength)
            {
                throw new TriageException($"the note is longer than {ProtocolRules.MaxTextLength} characters");
            }

            Started(draft).Note = text;
            return Task.FromResult("note kept");
        }, cancellationToken);

    /// <summary>
    /// Finishes the triage: the patient fields are checked (a 422 by field, nothing lost), the pathway is completed,
    /// the practice's message saved (once per call) and the triage kept with it. Finishing again answers what was saved.
    /// </summary>
    public Task<TriageAnswer> FinishAsync(PortalIdentity who, long? callRecordId, TriagePatient patient, CancellationToken cancellationToken = default) =>
        RunAsync(who, callRecordId, "finish", start: false, async (target, draft) =>
        {
            ArgumentNullException.ThrowIfNull(patient);
            var started = Started(draft);
            if (started.Finished is { } done)
            {
                return Invariant($"already finished as triage {done.TriageId}");
            }

            var today = DateOnly.FromDateTime(target.Practice?.Clock().Local(time.GetUtcNow()) ?? time.GetUtcNow().UtcDateTime);
            if (TriageFinish.Check(patient, today) is { Count: > 0 } errors)
            {
                throw new TriageFieldsException(errors);
            }

            var pathway = started.Pathway ?? (started.Pathway = started.Session.Complete(started.Note));
            var outcome = TriageFinish.Decide(pathway, patient, started.CallRecordId, started.PracticeId, started.CallerId, target.Practice?.Triage);
            var (messageId, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(outcome.Message), cancellationToken);
            var triageId = await records.SaveAsync(new TriageRecord { CallRecordId = started.CallRecordId, MessageId = messageId, PracticeId = started.PracticeId, Pathway = pathway }, cancellationToken);
            started.Finished = new TriageFinished(triageId, messageId, outcome.Urgency, pathway.Final, outcome.NeedsPhysicianReview, pathway.CompletedAt);
            logger.LogInformation(
                "Triage: nurse {Nurse} finished triage {TriageId} of call {CallId}: {Urgency} message {MessageId}, physician review {Review}",
                who.Username, triageId, started.CallRecordId, outcome.Urgency, messageId, outcome.NeedsPhysicianReview);
            return Invariant($"finished: triage {triageId}, message {messageId} ({TriageStateJson.Word(outcome.Urgency)}){(outcome.NeedsPhysicianReview ? ", on the physician's review list" : string.Empty)}");
        }, cancellationToken);

    private static TriageDraft Started(TriageDraft? draft) => draft ?? throw new TriageException("start the triage first: choose a protocol");

    private async Task<TriageAnswer> RunAsync(PortalIdentity who, long? callRecordId, string action, bool start, Func<Target, TriageDraft?, Task<string>> step, CancellationToken cancellationToken)
    {
        var (status, target) = await ResolveAsync(who, callRecordId, action, cancellationToken);
        if (target is null)
        {
            return new TriageAnswer(status);
        }

        var draft = start
            ? sessions.Start(who.Username, target.Record.Id, target.Record.PracticeId, target.Record.CallerId)
            : sessions.Find(who.Username, target.Record.Id);
        if (draft is not null)
        {
            await draft.Gate.WaitAsync(cancellationToken);
        }

        try
        {
            string detail;
            TriageAnswer? refused = null;
            try
            {
                detail = await step(target, draft);
            }
            catch (TriageFieldsException invalid)
            {
                detail = "refused: " + string.Join(", ", invalid.Errors.Keys.Order(StringComparer.Ordinal));
                refused = new TriageAnswer(TriageAccessStatus.Invalid, Errors: invalid.Errors);
            }
            catch (TriageException why)
            {
                detail = "refused";
                refused = new TriageAnswer(TriageAccessStatus.Refused, Error: why.Message);
            }

            if (target.Card is not null && action == "view")
            {
                detail += "; card shown";
            }

            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "triage." + action, "call", Subject(target.Record.Id), detail), cancellationToken);
            return refused ?? new TriageAnswer(TriageAccessStatus.Open, TriageStateJson.Of(target.Record.Id, target.Record.PracticeId, target.Practice?.Name ?? target.Record.PracticeId, target.Card, draft, target.Practice?.Triage));
        }
        finally
        {
            draft?.Gate.Release();
        }
    }

    private async Task<(TriageAccessStatus Status, Target? Target)> ResolveAsync(PortalIdentity who, long? callRecordId, string action, CancellationToken cancellationToken)
    {
        if (!who.Triages)
        {
            await DenyAsync(who, action, callRecordId, PortalRoles.Name(who.Role), cancellationToken);
            return (TriageAccessStatus.Denied, null);
        }

        var deskCall = board?.View(who.Username).Call;
        if ((callRecordId ?? deskCall?.CallRecordId) is not { } id)
        {
            return (TriageAccessStatus.NoCall, null);
        }

        // A nurse triages the call they are on, or one they started before (the caller may have left the desk since).
        if (who.Role == PortalRole.Nurse && deskCall?.CallRecordId != id && sessions.Find(who.Username, id) is null)
        {
            await DenyAsync(who, action, id, "not the nurse's call", cancellationToken);
            return (TriageAccessStatus.Denied, null);
        }

        if (await calls.GetAsync(id, cancellationToken) is not { } record)
        {
            return (TriageAccessStatus.NotFound, null);
        }

        var practice = await practices.GetAsync(record.PracticeId, cancellationToken);
        return (TriageAccessStatus.Open, new Target(record, practice, deskCall?.CallRecordId == id ? deskCall.Card : null));
    }

    private async Task DenyAsync(PortalIdentity who, string action, long? callRecordId, string why, CancellationToken cancellationToken)
    {
        logger.LogWarning("Portal user {Username} ({Role}) was refused triage {Action}", who.Username, PortalRoles.Name(who.Role), action);
        await audit.RecordAsync(
            callRecordId is { } id
                ? new AuditEntry(time.GetUtcNow(), who.AuditActor, "triage.denied", "call", Subject(id), $"refused {action}: {why}")
                : new AuditEntry(time.GetUtcNow(), who.AuditActor, "triage.denied", "triage", who.Username, $"refused {action}: {why}"),
            cancellationToken);
    }

    private static string Subject(long callRecordId) => callRecordId.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The call a request works on: its record, its practice (null if since removed) and, when it is the user's desk call, its card.</summary>
    private sealed record Target(CallRecord Record, Practice? Practice, DeskCard? Card);

    /// <summary>The patient fields did not pass, by field.</summary>
    private sealed class TriageFieldsException(IReadOnlyDictionary<string, string> errors) : Exception("the patient fields are not complete")
    {
        public IReadOnlyDictionary<string, string> Errors { get; } = errors;
    }
}
