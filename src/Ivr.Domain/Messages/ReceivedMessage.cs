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
    /// entry: by the caller, or for a typed message or a patched call's summary by the operator.
    /// </summary>
    /// <exception cref="ArgumentException">The message is not new (it has an id or a status past received), or is both typed and a summary.</exception>
    public static ReceivedMessage Of(PatientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Id != 0 || message.Status != MessageStatus.Received)
        {
            throw new ArgumentException($"Only a new message is received; this one is {message.Status} with id {message.Id}.", nameof(message));
        }

        if (message.Typed is not null && message.Summary is not null)
        {
            throw new ArgumentException("A message is typed by an operator or summarises a patched call, not both.", nameof(message));
        }

        var (by, detail) = message switch
        {
            { Typed: { } typed } => (typed.TakenBy, $"message typed by operator {typed.TakenBy}"),
            { Summary: { } summary } => (summary.OperatorName, $"summary of the call operator {summary.OperatorName} patched to clinician {summary.ClinicianId}, for them"),
            _ => ("caller", message.Partial ? "partial message: the caller hung up" : "message taken"),
        };
        return new ReceivedMessage(
            message,
            new DispatchJob(DispatchState.New, message.ReceivedAt),
            new MessageTransition(null, MessageStatus.Received, by, message.ReceivedAt, detail));
    }
}
