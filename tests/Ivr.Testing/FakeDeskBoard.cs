using Ivr.Domain.Desk;

namespace Ivr.Testing;

/// <summary>
/// A desk the test sets by hand: <see cref="Set"/> replaces the floor and completes <see cref="Changed"/>,
/// as the real desk does on every change. The operators' own actions are refused: the live view only reads.
/// </summary>
public sealed class FakeDeskBoard : IDeskBoard
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DeskFloor _floor = new([], [], DateTimeOffset.UnixEpoch, 0);

    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    public void Set(IReadOnlyList<DeskWaiting> waiting, IReadOnlyList<DeskOperatorState> operators, DateTimeOffset at, int elsewhereWaiting = 0, DateTimeOffset? elsewhereLongestSince = null)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _floor = new DeskFloor(waiting, operators, at, _floor.Version + 1, elsewhereWaiting, elsewhereLongestSince);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    public DeskFloor Floor()
    {
        lock (_gate)
        {
            return _floor;
        }
    }

    public IDisposable Watch(string operatorName) => new CancellationTokenSource();

    public void CardShown(string operatorName, string callId)
    {
    }

    public DeskView View(string operatorName) => new(operatorName, OperatorStatus.SignedOut, null, false, null, Floor().Version);

    public Task<DeskResult> SetStatusAsync(string operatorName, OperatorStatus status, string? reason, CancellationToken cancellationToken = default) => Refused();

    public Task<DeskSaveResult> SaveMessageAsync(string operatorName, DeskMessageForm form, CancellationToken cancellationToken = default) =>
        Task.FromResult(new DeskSaveResult(null, false, new Dictionary<string, string>(), "the live view's test desk takes no messages"));

    public Task<DeskResult> PatchAsync(string operatorName, CancellationToken cancellationToken = default) => Refused();

    public Task<DeskResult> TransferAsync(string operatorName, DeskTransferTarget target, CancellationToken cancellationToken = default) => Refused();

    public Task<DeskResult> ReleaseAsync(string operatorName, CancellationToken cancellationToken = default) => Refused();

    private static Task<DeskResult> Refused() => Task.FromResult(DeskResult.Refused("the live view's test desk takes no actions"));
}
