namespace Ivr.Domain.Desk;

/// <summary>A service without a desk: never staffed, so every live-person request goes to the doctor.</summary>
public sealed class NoOperatorDesk : IOperatorDesk
{
    public static NoOperatorDesk Instance { get; } = new();

    public bool Staffed => false;

    public bool NursesStaffed => false;

    public Task<string?> ElsewhereAsync(DeskLine line, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public Task<string?> FreeElsewhereAsync(string callId, DeskLine line, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public Task<bool> MoveAsync(string callId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task JoinAsync(DeskCaller caller, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("There is no desk to join: it is never staffed.");

    public DeskStanding Standing(string callId) => DeskStanding.Gone;

    public Task<DeskStanding> RoomEmptiedAsync(string callId, CancellationToken cancellationToken = default) => Task.FromResult(DeskStanding.Gone);

    public Task<bool> MakeUrgentAsync(string callId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<bool> LeaveAsync(string callId, DeskLeave how, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task EndAsync(string callId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
