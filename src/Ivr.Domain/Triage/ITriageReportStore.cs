namespace Ivr.Domain.Triage;

/// <summary>What the triage report reads: the kept triages' readable columns and times, never the pathway.</summary>
public interface ITriageReportStore
{
    /// <summary>Triages completed in [<paramref name="from"/>, <paramref name="until"/>), of one practice or (null) every practice, oldest first.</summary>
    Task<IReadOnlyList<TriageReportRow>> TriagesAsync(string? practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);
}
