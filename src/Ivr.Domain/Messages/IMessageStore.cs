namespace Ivr.Domain.Messages;

/// <summary>Keeps patient messages. <see cref="SaveAsync"/> returns only once the message is durable.</summary>
public interface IMessageStore
{
    /// <summary>
    /// Saves the message, its dispatch job and its first history entry in one transaction; returns the message's id.
    /// A typed message or summary whose call has one already fails: the desk saves through <see cref="SaveOnceAsync"/>.
    /// </summary>
    Task<long> SaveAsync(ReceivedMessage received, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a message typed at the desk (<see cref="PatientMessage.Typed"/>) or a patched call's summary
    /// (<see cref="PatientMessage.Summary"/>) as <see cref="SaveAsync"/> does, unless its call has one of that kind
    /// already: then nothing is written and that message's id comes back with <c>Created</c> false. Two operators
    /// saving the same call's form at once get one message between them; a call's end reported twice, one summary.
    /// </summary>
    /// <exception cref="ArgumentException">The message is neither typed nor a summary.</exception>
    Task<(long Id, bool Created)> SaveOnceAsync(ReceivedMessage received, CancellationToken cancellationToken = default);

    Task<PatientMessage?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PatientMessage>> ListAsync(int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PatientMessage>> ForCallAsync(long callId, CancellationToken cancellationToken = default);

    /// <summary>An inbox: urgent messages first, then the newest.</summary>
    Task<IReadOnlyList<PatientMessage>> InboxAsync(InboxQuery query, CancellationToken cancellationToken = default);
}
