using System.Globalization;
using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Portal.Accounts;

namespace Ivr.Portal.Desk;

/// <summary>
/// The one way the portal reaches the operator desk: operators and the supervisor work it, everyone
/// else is refused (403, audited as <c>desk.denied</c>); a host without telephony has no desk
/// (<paramref name="board"/> null). Every card shown (it carries the caller's number) and every action
/// is audited with the operator's name, never the caller's number or what was typed.
/// </summary>
public sealed class DeskAccess(IAuditLog audit, TimeProvider time, ILogger<DeskAccess> logger, IDeskBoard? board = null)
{
    /// <summary>False on a host without telephony: the desk page says so and the API answers 503.</summary>
    public bool Running => board is not null;

    /// <summary>The desk's board, for the event stream (only after <see cref="OpenAsync"/> let the user in).</summary>
    internal IDeskBoard Board => board ?? throw new InvalidOperationException("The desk is not running in this host.");

    /// <summary>What <paramref name="who"/> sees at the desk now, audited as <paramref name="action"/> (<c>desk.view</c>, <c>desk.stream</c>), and the call's card as <c>desk.card</c>.</summary>
    public async Task<DeskAnswer<DeskView>> OpenAsync(PortalIdentity who, string action, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(who, action, cancellationToken) is { } refused)
        {
            return new DeskAnswer<DeskView>(refused);
        }

        var view = board!.View(who.Username);
        await AuditAsync(who, action, view, Word(view.Status), cancellationToken);
        await CardShownAsync(who, view, cancellationToken);
        return new DeskAnswer<DeskView>(DeskAccessStatus.Open, view);
    }

    /// <summary>Audits that <paramref name="who"/> was shown the card of <paramref name="view"/>'s call, if it has one.</summary>
    public async Task CardShownAsync(PortalIdentity who, DeskView view, CancellationToken cancellationToken = default)
    {
        if (view.Call is { } call)
        {
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "desk.card", "call", Subject(call), $"card of {call.Card.PracticeId} ({(call.Answered ? "answered" : "offered")})"), cancellationToken);
        }
    }

    /// <summary>Sets the user's own status at the desk.</summary>
    public Task<DeskAnswer<DeskResult>> SetStatusAsync(PortalIdentity who, OperatorStatus status, string? reason, CancellationToken cancellationToken = default) =>
        ActAsync(who, "desk.status", Word(status), (desk, name) => desk.SetStatusAsync(name, status, reason, cancellationToken), cancellationToken);

    /// <summary>Saves the message form for the user's current call.</summary>
    public async Task<DeskAnswer<DeskSaveResult>> SaveMessageAsync(PortalIdentity who, DeskMessageForm form, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(who, "desk.message", cancellationToken) is { } refused)
        {
            return new DeskAnswer<DeskSaveResult>(refused);
        }

        var before = board!.View(who.Username);
        var saved = await board.SaveMessageAsync(who.Username, form, cancellationToken);
        // Field names only: what was typed is patient data.
        var detail = saved.MessageId is { } id
            ? $"message {id.ToString(CultureInfo.InvariantCulture)} {(saved.Created ? "saved" : "already saved")}, {Word(form.Urgency)}"
            : saved.Refusal is { } why ? $"refused: {why}" : $"refused: {string.Join(", ", saved.Errors.Keys.Order(StringComparer.Ordinal))}";
        await AuditAsync(who, "desk.message", before, detail, cancellationToken);
        return new DeskAnswer<DeskSaveResult>(DeskAccessStatus.Open, saved);
    }

    /// <summary>Patches the practice's on-call chain into the user's call.</summary>
    public Task<DeskAnswer<DeskResult>> PatchAsync(PortalIdentity who, CancellationToken cancellationToken = default) =>
        ActAsync(who, "desk.patch", "patch to on-call", (desk, name) => desk.PatchAsync(name, cancellationToken), cancellationToken);

    /// <summary>Sends the user's caller to the nurse line or the practice's office.</summary>
    public Task<DeskAnswer<DeskResult>> TransferAsync(PortalIdentity who, DeskTransferTarget target, CancellationToken cancellationToken = default) =>
        ActAsync(who, "desk.transfer", "transfer to " + Word(target), (desk, name) => desk.TransferAsync(name, target, cancellationToken), cancellationToken);

    /// <summary>The user leaves their call.</summary>
    public Task<DeskAnswer<DeskResult>> ReleaseAsync(PortalIdentity who, CancellationToken cancellationToken = default) =>
        ActAsync(who, "desk.release", "release", (desk, name) => desk.ReleaseAsync(name, cancellationToken), cancellationToken);

    private async Task<DeskAnswer<DeskResult>> ActAsync(PortalIdentity who, string action, string what, Func<IDeskBoard, string, Task<DeskResult>> act, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(who, action, cancellationToken) is { } refused)
        {
            return new DeskAnswer<DeskResult>(refused);
        }

        var before = board!.View(who.Username);
        var result = await act(board, who.Username);
        await AuditAsync(who, action, before, result.Done ? what : $"{what} refused: {result.Refusal}", cancellationToken);
        logger.LogInformation("Desk: {Username} {Action} {Outcome}", who.Username, action, result.Done ? "done" : "refused");
        return new DeskAnswer<DeskResult>(DeskAccessStatus.Open, result);
    }

    /// <summary>The desk page of <paramref name="who"/> shows the card of <paramref name="callId"/> (the cards a page is sent are audited as the stream sends them).</summary>
    public async Task<DeskAccessStatus> SeenAsync(PortalIdentity who, string callId, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(who, "desk.seen", cancellationToken) is { } refused)
        {
            return refused;
        }

        board!.CardShown(who.Username, callId);
        return DeskAccessStatus.Open;
    }

    private async Task<DeskAccessStatus?> RefuseAsync(PortalIdentity who, string action, CancellationToken cancellationToken)
    {
        if (!who.WorksTheDesk)
        {
            logger.LogWarning("Portal user {Username} ({Role}) was refused the desk", who.Username, PortalRoles.Name(who.Role));
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "desk.denied", "desk", who.Username, $"refused {action}: {PortalRoles.Name(who.Role)}"), cancellationToken);
            return DeskAccessStatus.Denied;
        }

        return board is null ? DeskAccessStatus.NotRunning : null;
    }

    /// <summary>On the call when the operator has one (so the call's audit trail shows who did what), else on the operator.</summary>
    private Task AuditAsync(PortalIdentity who, string action, DeskView before, string detail, CancellationToken cancellationToken) =>
        before.Call is { } call
            ? audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, action, "call", Subject(call), detail), cancellationToken)
            : audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, action, "desk", who.Username, detail), cancellationToken);

    private static string Subject(DeskCall call) => call.CallRecordId.ToString(CultureInfo.InvariantCulture);

    private static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => IvrJson.Word(value);
}
