namespace Ivr.StateMachine.Internal;

/// <summary>The last N transitions, oldest overwritten first.</summary>
internal sealed class HistoryRing<TState, TTrigger>(int capacity)
    where TState : notnull
    where TTrigger : notnull
{
    private readonly TransitionRecord<TState, TTrigger>[] _items = new TransitionRecord<TState, TTrigger>[capacity];
    private readonly Lock _gate = new();
    private int _next;
    private int _count;

    public void Add(TransitionRecord<TState, TTrigger> record)
    {
        lock (_gate)
        {
            _items[_next] = record;
            _next = (_next + 1) % _items.Length;
            _count = Math.Min(_count + 1, _items.Length);
        }
    }

    /// <summary>Oldest first.</summary>
    public TransitionRecord<TState, TTrigger>[] Snapshot()
    {
        lock (_gate)
        {
            var result = new TransitionRecord<TState, TTrigger>[_count];
            var start = (_next - _count + _items.Length) % _items.Length;
            for (var i = 0; i < _count; i++)
            {
                result[i] = _items[(start + i) % _items.Length];
            }

            return result;
        }
    }
}
