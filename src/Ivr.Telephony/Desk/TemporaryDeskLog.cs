using Ivr.Domain.Desk;

namespace Ivr.Telephony.Desk;

/// <summary>TEMPORARY until the data store lands: keeps nothing.</summary>
internal sealed class TemporaryDeskLog : IDeskLog
{
    public Task QueuedAsync(long callRecordId, string practiceId, DeskPriority priority, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task AnsweredAsync(long callRecordId, string operatorName, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task LeftAsync(long callRecordId, DeskLeave how, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task ReleasedAsync(long callRecordId, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task OperatorStatusAsync(string operatorName, OperatorStatus status, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
