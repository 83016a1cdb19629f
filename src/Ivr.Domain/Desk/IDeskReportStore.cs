namespace Ivr.Domain.Desk;

/// <summary>What the desk's reports read of the facts <see cref="IDeskLog"/> wrote: no patient data, only ids, names, times and outcomes.</summary>
public interface IDeskReportStore
{
    /// <summary>Calls that joined the desk's queue in [<paramref name="from"/>, <paramref name="until"/>), of one practice or (null) every practice.</summary>
    Task<IReadOnlyList<DeskCallFact>> CallsAsync(string? practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Calls an operator answered and released whose handling overlaps [<paramref name="from"/>, <paramref name="until"/>), whenever they joined.</summary>
    Task<IReadOnlyList<DeskCallFact>> HandledAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Operators' status changes in [<paramref name="from"/>, <paramref name="until"/>), and each operator's last change before
    /// <paramref name="from"/> (where they stood when the period began), in the order they happened.
    /// </summary>
    Task<IReadOnlyList<OperatorStatusChange>> StatusChangesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);
}
