namespace Ivr.StateMachine.Internal;

/// <summary>
/// Marks the async flow that is running one instance's actions, so that awaiting <c>FireAsync</c> on that same
/// instance from inside an action (which would wait for itself) is refused instead of deadlocking.
/// </summary>
internal sealed class ActionScope
{
    private static readonly AsyncLocal<ActionScope?> _current = new();

    private readonly object _owner;

    // Work started by an action (Task.Run, timers) inherits the scope; once the action is over that work may fire freely.
    private volatile bool _isActive = true;

    private ActionScope(object owner) => _owner = owner;

    public static ActionScope Enter(object owner)
    {
        var scope = new ActionScope(owner);
        _current.Value = scope;
        return scope;
    }

    public static bool IsInside(object owner) =>
        _current.Value is { _isActive: true } scope && ReferenceEquals(scope._owner, owner);

    public void Exit() => _isActive = false;
}
