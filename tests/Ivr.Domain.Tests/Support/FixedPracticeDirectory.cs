using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Support;

/// <summary>One practice with a three-step chain: primary, backup, supervisor.</summary>
public sealed class FixedPracticeDirectory : IPracticeDirectory
{
    public static readonly PracticeProfile Practice = new("riverside-pediatrics", "Riverside Pediatrics", "greeting-riverside-pediatrics", "PJSIP/sipp/sip:fallback@127.0.0.1:5090", "America/New_York");

    public Task<CallRoute> RouteAsync(string dialedNumber, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CallRoute(Practice, new CoverageDecision(CoverageMode.AlwaysOn, null, "24/7 coverage"), AgreementRecorded: true));

    public Task<IReadOnlyList<OnCallContact>> OnCallChainAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OnCallContact>>(
        [
            new("dr-lee", "Dr. Lee", "PJSIP/sipp/sip:drlee@127.0.0.1:5070", TimeSpan.FromSeconds(20), "primary"),
            new("dr-patel", "Dr. Patel", "PJSIP/sipp/sip:drpatel@127.0.0.1:5071", TimeSpan.FromSeconds(20), "backup"),
            new("supervisor", "Supervisor", "PJSIP/sipp/sip:supervisor@127.0.0.1:5072", TimeSpan.FromSeconds(20), "supervisor"),
        ]);
}
