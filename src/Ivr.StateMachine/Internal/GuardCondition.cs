namespace Ivr.StateMachine.Internal;

/// <summary>A guard in one shape whatever the user wrote: sync or async, with or without trigger arguments.</summary>
internal sealed class GuardCondition(string description, bool needsArguments, Func<IReadOnlyList<object?>, CancellationToken, ValueTask<bool>> evaluate)
{
    public string Description { get; } = description;

    /// <summary>True when the guard reads trigger arguments, so it cannot be judged without them.</summary>
    public bool NeedsArguments { get; } = needsArguments;

    public ValueTask<bool> EvaluateAsync(IReadOnlyList<object?> arguments, CancellationToken cancellationToken) =>
        evaluate(arguments, cancellationToken);

    public static GuardCondition From(Func<bool> guard, string? description) =>
        new(Describe(description), false, (_, _) => ValueTask.FromResult(guard()));

    public static GuardCondition From(Func<CancellationToken, Task<bool>> guard, string? description) =>
        new(Describe(description), false, (_, cancellationToken) => new ValueTask<bool>(guard(cancellationToken)));

    public static GuardCondition WithArguments(Func<IReadOnlyList<object?>, bool> guard, string? description) =>
        new(Describe(description), true, (arguments, _) => ValueTask.FromResult(guard(arguments)));

    public static GuardCondition WithArguments(Func<IReadOnlyList<object?>, CancellationToken, Task<bool>> guard, string? description) =>
        new(Describe(description), true, (arguments, cancellationToken) => new ValueTask<bool>(guard(arguments, cancellationToken)));

    private static string Describe(string? description) =>
        string.IsNullOrWhiteSpace(description) ? "unnamed guard" : description.Trim();
}
