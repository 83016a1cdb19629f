using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Messages;

/// <summary>
/// The one way the portal's pages and API reach messages: every read of patient data is audited,
/// every refusal too (<c>message.denied</c>), and a user only ever gets their own practice's messages.
/// </summary>
public sealed class MessageAccess(IMessageStore messages, IDispatchStore dispatch, IAuditLog audit, TimeProvider time, ILogger<MessageAccess> logger)
{
    /// <summary>The user's inbox (with <paramref name="appointmentsOnly"/>, its appointment requests); empty for roles that see no patient data.</summary>
    public async Task<IReadOnlyList<PatientMessage>> InboxAsync(PortalIdentity who, bool includeResolved, bool pagedToMe, bool appointmentsOnly = false, CancellationToken cancellationToken = default)
    {
        if (!who.SeesPatientData)
        {
            return [];
        }

        var query = new InboxQuery(who.InboxPractice, includeResolved, pagedToMe ? who.ClinicianId ?? who.Username : null, AppointmentsOnly: appointmentsOnly);
        var inbox = await messages.InboxAsync(query, cancellationToken);
        // The store filtered by practice already; checking again keeps a store bug from leaking another practice.
        inbox = inbox.Where(m => who.CanSeePractice(m.PracticeId)).ToArray();
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "message.list", "message", "*", $"{inbox.Count} message(s) of {who.InboxPractice ?? "every practice"}"), cancellationToken);
        return inbox;
    }

    /// <summary>Opens a message for <paramref name="action"/> (<c>message.view</c>, <c>message.recording</c>, …), audited either way.</summary>
    public async Task<MessageLookup> OpenAsync(PortalIdentity who, long id, string action, CancellationToken cancellationToken = default)
    {
        var message = await messages.GetAsync(id, cancellationToken);
        if (message is null)
        {
            return new MessageLookup(LookupStatus.NotFound);
        }

        var subject = id.ToString(CultureInfo.InvariantCulture);
        if (!who.CanSeePractice(message.PracticeId))
        {
            logger.LogWarning("Portal user {Username} ({Role}) was refused message {MessageId} of another practice", who.Username, PortalRoles.Name(who.Role), id);
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "message.denied", "message", subject, $"{action} refused: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}, message of {message.PracticeId}"), cancellationToken);
            return new MessageLookup(LookupStatus.Denied);
        }

        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, action, "message", subject, $"{message.PracticeId}, {message.Urgency}, {message.Status}"), cancellationToken);
        return new MessageLookup(LookupStatus.Found, message);
    }

    /// <summary>
    /// Acknowledges (which stops the escalation at once) or resolves a message in the user's name:
    /// the history records their clinician id, or their username where they have none, and the note they
    /// wrote (how the patient was helped), kept encrypted since it may hold patient data. A note longer
    /// than <see cref="MessageLifecycle.MaxNoteLength"/> is refused before anything is read or changed.
    /// </summary>
    public async Task<AdvanceStatus> AdvanceAsync(PortalIdentity who, long id, MessageStatus status, string? note = null, CancellationToken cancellationToken = default)
    {
        if (note?.Trim().Length > MessageLifecycle.MaxNoteLength)
        {
            return AdvanceStatus.NoteTooLong;
        }

        var verb = status == MessageStatus.Acknowledged ? "acknowledge" : "resolve";
        var lookup = await OpenAsync(who, id, "message." + verb, cancellationToken);
        if (lookup.Status != LookupStatus.Found)
        {
            return lookup.Status == LookupStatus.Denied ? AdvanceStatus.Denied : AdvanceStatus.NotFound;
        }

        var detail = status == MessageStatus.Acknowledged ? "acknowledged in the portal" : "patient contacted (portal)";
        var moved = await dispatch.AdvanceAsync(id, status, who.Actor, detail, note, time.GetUtcNow(), cancellationToken);
        if (moved)
        {
            logger.LogInformation("Message {MessageId} {Status} by portal user {Username}", id, status, who.Username);
        }

        return moved ? AdvanceStatus.Done : AdvanceStatus.AlreadyThere;
    }
}
