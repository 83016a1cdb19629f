namespace Ivr.Domain.Outbound;

/// <summary>
/// Places one campaign call. An answered call runs the campaign's voice script (<see cref="OutboundFlow"/>), which closes
/// the attempt itself; <see cref="CallAsync"/> returns once the call is over, whatever it was.
/// </summary>
public interface IOutboundCaller
{
    Task<DialResult> CallAsync(OutboundCall call, CancellationToken cancellationToken = default);
}

/// <summary>One call to make: the attempt it is, the number (E.164), and what the patient's phone shows (the practice).</summary>
/// <param name="AttemptId">The attempt opened for it.</param>
/// <param name="Phone">The patient's number, E.164.</param>
/// <param name="CallerName">The practice's name, shown to the patient.</param>
/// <param name="CallerNumber">The practice's number, shown to the patient.</param>
public sealed record OutboundCall(long AttemptId, string Phone, string CallerName, string CallerNumber);

/// <summary>How the dialling went: answered (the script did the rest) or the attempt's result when nobody answered.</summary>
/// <param name="Answered">The patient's line answered.</param>
/// <param name="Unanswered">No answer, busy or failed, when not answered.</param>
/// <param name="Detail">What Asterisk said, without patient data.</param>
public sealed record DialResult(bool Answered, AttemptResult? Unanswered, string Detail)
{
    public static DialResult Answer(string detail) => new(true, null, detail);

    public static DialResult NotAnswered(AttemptResult result, string detail) => new(false, result, detail);
}
