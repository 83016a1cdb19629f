namespace Ivr.Domain.Messages;

public static class MessageStoreExtensions
{
    /// <summary>Saves a new message together with its dispatch job and first history entry (<see cref="ReceivedMessage.Of"/>); returns its id once durable.</summary>
    public static Task<long> SaveAsync(this IMessageStore store, PatientMessage message, CancellationToken cancellationToken = default) =>
        store.SaveAsync(ReceivedMessage.Of(message), cancellationToken);
}
