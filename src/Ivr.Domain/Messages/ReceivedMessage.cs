using Ivr.Domain.Dispatch;

namespace Ivr.Domain.Messages;

/// <summary>
/// A message just taken, with what always comes with it: a saved message is queued for dispatch at
/// once, and its history starts with its arrival. A store persists all three in one transaction, so
/// no message is ever saved without being queued for a clinician.
/// </summary>
public sealed record ReceivedMessage(PatientMessage Message, DispatchJob Dispatch, MessageTransition Arrival)
{
    /// <summary>
    /// The message as the caller left it, its dispatch job (not yet planned, due when it arrived) and its first history
    /// entry: by the caller, or for a typed message by the operator who typed it.
    /// </summary>
    /// <exception cref="ArgumentException">The message is not new (it has an id or a status past received).</exception>
    public static ReceivedMessage Of(PatientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Id != 0 || message.Status != MessageStatus.Received)
        {
            throw new ArgumentException($"Only a new message is received; this one is {message.Status} with id {message.Id}.", nameof(message));
        }

        var (by, detail) = message.Typed is { } typed
            ? (typed.TakenBy, $"message typed by operator {typed.TakenBy}")
            : ("caller", message.Partial ? "partial message: the caller hung up" : "message taken");
        return new ReceivedMessage(
            message,
            new DispatchJob(DispatchState.New, message.ReceivedAt),
            new MessageTransition(null, MessageStatus.Received, by, message.ReceivedAt, detail));
    }
}
