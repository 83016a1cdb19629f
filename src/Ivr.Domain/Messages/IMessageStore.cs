namespace Ivr.Domain.Messages;

/// <summary>Keeps patient messages. <see cref="SaveAsync"/> returns only once the message is durable.</summary>
public interface IMessageStore
{
    Task<long> SaveAsync(PatientMessage message, CancellationToken cancellationToken = default);

    Task<PatientMessage?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PatientMessage>> ListAsync(int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PatientMessage>> ForCallAsync(long callId, CancellationToken cancellationToken = default);

    /// <summary>An inbox: urgent messages first, then the newest.</summary>
    Task<IReadOnlyList<PatientMessage>> InboxAsync(InboxQuery query, CancellationToken cancellationToken = default);
}
