namespace Ivr.Domain.Desk;

/// <summary>
/// What became of a saved message form: the message's id (the same id when the call's message was saved
/// already, by this operator or another), or the errors by field, with nothing saved.
/// </summary>
/// <param name="MessageId">The call's message; null when the form was refused.</param>
/// <param name="Created">False when the call already had its message: nothing new was saved.</param>
/// <param name="Errors">Field name (as in <see cref="DeskMessageForm"/>, camelCase) to what is wrong with it; empty when saved.</param>
/// <param name="Refusal">Why nothing could be saved at all (no call); null otherwise.</param>
public sealed record DeskSaveResult(long? MessageId, bool Created, IReadOnlyDictionary<string, string> Errors, string? Refusal);
