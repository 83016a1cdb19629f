namespace Ivr.Domain.Outbound;

/// <summary>What one round of the dialler did: campaigns it found over, patients the calling policy held back (with why), the calls it started, and whether an inbound surge kept it from dialling.</summary>
/// <param name="Finished">Campaigns finished this round.</param>
/// <param name="Held">The policy's decisions for patients not called now.</param>
/// <param name="Calls">The calls started; each ends on its own.</param>
/// <param name="Surge">Patients calling in filled the lines: nobody was dialled.</param>
public sealed record DialRound(IReadOnlyList<long> Finished, IReadOnlyList<CallingDecision> Held, IReadOnlyList<Task> Calls, bool Surge);
