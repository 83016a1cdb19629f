using Ivr.Domain.Desk;

namespace Ivr.Domain.Tests.Support;

/// <summary>
/// An operator desk whose answers a test sets: whether it is staffed, where the caller stands now, and where
/// they go when their room empties. Everything the flow asks of it is written to <see cref="Log"/>.
/// </summary>
public sealed class ScriptedDesk : IOperatorDesk
{
    public List<string> Log { get; } = [];

    public bool Staffed { get; set; } = true;

    public bool NursesStaffed { get; set; }

    /// <summary>Where the caller stands; waiting, first in line (so not asked whether it is urgent), about three minutes, unless the test moves them.</summary>
    public DeskStanding Now { get; set; } = Waiting(1, TimeSpan.FromMinutes(3));

    /// <summary>Where the caller goes when their room empties; done (the operator released the call) unless set.</summary>
    public DeskStanding AfterEmptied { get; set; } = Done("operator sam handled the call");

    public DeskCaller? Joined { get; private set; }

    /// <summary>Another process's desk by line, as <see cref="ElsewhereAsync"/> answers; none unless a test sets one.</summary>
    public Dictionary<DeskLine, string> Elsewhere { get; } = [];

    /// <summary>The lines the flow asked another process's desk for, in order.</summary>
    public List<DeskLine> AskedElsewhere { get; } = [];

    /// <summary>Another process that claimed the caller for someone free there, by line, as <see cref="FreeElsewhereAsync"/> answers; none unless a test sets one.</summary>
    public Dictionary<DeskLine, string> FreeElsewhere { get; } = [];

    /// <summary>The lines the flow asked whether another process claimed the caller for, in order.</summary>
    public List<DeskLine> AskedFreeElsewhere { get; } = [];

    /// <summary>The calls the flow asked that for, in order.</summary>
    public List<string> AskedFreeElsewhereFor { get; } = [];

    /// <summary>Whether <see cref="MoveAsync"/> lets the caller go (an operator's phone is not ringing for them); true unless a test says not.</summary>
    public bool Movable { get; set; } = true;

    public static DeskStanding Waiting(int position, TimeSpan? wait) => new(DeskStage.Waiting, position, wait, "waiting for an operator", null, null);

    public static DeskStanding WithOperator { get; } = new(DeskStage.WithOperator, null, null, "operator sam took the call", null, null);

    public static DeskStanding Done(string detail, long? messageId = null, string? clinicianId = null) => new(DeskStage.Done, null, null, detail, messageId, clinicianId);

    public Task<string?> ElsewhereAsync(DeskLine line, CancellationToken cancellationToken = default)
    {
        AskedElsewhere.Add(line);
        return Task.FromResult(Elsewhere.GetValueOrDefault(line));
    }

    public Task<string?> FreeElsewhereAsync(string callId, DeskLine line, CancellationToken cancellationToken = default)
    {
        AskedFreeElsewhere.Add(line);
        AskedFreeElsewhereFor.Add(callId);
        return Task.FromResult(FreeElsewhere.GetValueOrDefault(line));
    }

    public Task<bool> MoveAsync(string callId, CancellationToken cancellationToken = default)
    {
        if (Now.Stage != DeskStage.Waiting || !Movable)
        {
            Log.Add("move refused");
            return Task.FromResult(false);
        }

        Log.Add("move");
        Now = DeskStanding.Gone;
        return Task.FromResult(true);
    }

    public Task JoinAsync(DeskCaller caller, CancellationToken cancellationToken = default)
    {
        Joined = caller;
        Log.Add(caller.Line == DeskLine.Nurses ? $"join {caller.Priority} nurses" : $"join {caller.Priority}");
        return Task.CompletedTask;
    }

    public DeskStanding Standing(string callId) => Now;

    public Task<DeskStanding> RoomEmptiedAsync(string callId, CancellationToken cancellationToken = default)
    {
        Log.Add("room emptied");
        Now = AfterEmptied;
        return Task.FromResult(Now);
    }

    public Task<bool> MakeUrgentAsync(string callId, CancellationToken cancellationToken = default)
    {
        Log.Add(Now.Stage == DeskStage.Waiting ? "urgent" : "urgent refused");
        return Task.FromResult(Now.Stage == DeskStage.Waiting);
    }

    public Task<bool> LeaveAsync(string callId, DeskLeave how, CancellationToken cancellationToken = default)
    {
        if (Now.Stage != DeskStage.Waiting)
        {
            Log.Add($"leave {how} refused");
            return Task.FromResult(false);
        }

        Log.Add($"leave {how}");
        Now = DeskStanding.Gone;
        return Task.FromResult(true);
    }

    public Task EndAsync(string callId, CancellationToken cancellationToken = default)
    {
        Log.Add("end");
        return Task.CompletedTask;
    }
}
