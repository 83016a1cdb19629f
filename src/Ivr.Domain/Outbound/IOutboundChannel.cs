using Ivr.Domain.Flow;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Outbound;

/// <summary>
/// The patient's line during a campaign call: what a clinician's line can do, plus Asterisk's answering-machine
/// detection, waiting for a machine's greeting to end, saying a time, and putting the patient through to the office.
/// Every method throws <see cref="CallerHungUpException"/> once the patient has hung up.
/// </summary>
public interface IOutboundChannel : IClinicianChannel
{
    /// <summary>Runs AMD() on the answered line: a person, a machine, not sure, or a hangup, with its cause.</summary>
    Task<AmdVerdict> DetectAsync(CancellationToken cancellationToken);

    /// <summary>Waits for the machine's greeting to end (silence), so the message is recorded whole, not cut at the beep.</summary>
    Task WaitForSilenceAsync(CancellationToken cancellationToken);

    /// <summary>Says a time on the practice's clock ("Tuesday, December eighth, at nine thirty a.m."); a key in <paramref name="keys"/> stops it and is returned.</summary>
    Task<char?> SayTimeAsync(DateTime wallClock, string keys, CancellationToken cancellationToken);

    /// <summary>Puts the patient through to the practice's office line; returns how the ringing went once the talk is over.</summary>
    Task<OfficeRingResult> RingOfficeAsync(OfficeLine office, CancellationToken cancellationToken);
}

/// <summary>What AMD() said: <c>AMDSTATUS</c> (HUMAN, MACHINE, NOTSURE, HANGUP) and <c>AMDCAUSE</c>.</summary>
/// <param name="Status">AMDSTATUS.</param>
/// <param name="Cause">AMDCAUSE, as Asterisk gives it (e.g. <c>LONGGREETING-1600-1500</c>).</param>
public sealed record AmdVerdict(string Status, string Cause)
{
    public bool Machine => Status == "MACHINE";

    public bool HungUp => Status == "HANGUP";
}
