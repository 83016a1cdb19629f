namespace Ivr.Domain.Reports;

/// <summary>What the monthly reports read: counts and durations only, never patient data.</summary>
public interface IReportStore
{
    /// <summary>Calls started in [<paramref name="from"/>, <paramref name="until"/>), of one practice or (null) every practice.</summary>
    Task<IReadOnlyList<ReportCall>> CallsAsync(string? practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Messages received in [<paramref name="from"/>, <paramref name="until"/>), with when they were first acknowledged and resolved and how many voice steps they took.</summary>
    Task<IReadOnlyList<ReportMessage>> MessagesAsync(string? practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);
}
