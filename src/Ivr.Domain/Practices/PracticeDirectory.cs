using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Practices;

/// <summary>
/// The directory the call flow uses: practices and overrides from the store, coverage from their
/// calendars, chains from their schedules. A number no practice publishes is still answered, by
/// the service's own profile, and its messages go to the supervisor.
/// </summary>
public sealed class PracticeDirectory(IPracticeStore store, OnCallContact supervisor, Func<ContactMethod, string> dialString) : IPracticeDirectory
{
    /// <summary>The practice id calls to unknown numbers are recorded under.</summary>
    public const string UnknownPracticeId = "answering-service";

    public static readonly PracticeProfile UnknownNumberProfile = new(UnknownPracticeId, "the answering service", "greeting-default", string.Empty, "UTC");

    /// <summary>How far around an instant overrides are loaded: longer than any call.</summary>
    private static readonly TimeSpan OverrideWindow = TimeSpan.FromDays(1);

    public async Task<CallRoute> RouteAsync(string dialedNumber, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var practice = await store.FindByNumberAsync(PhoneNumbers.Normalize(dialedNumber), cancellationToken).ConfigureAwait(false);
        if (practice is null)
        {
            return new CallRoute(UnknownNumberProfile, new CoverageDecision(CoverageMode.AlwaysOn, null, $"number {dialedNumber} belongs to no practice: generic greeting, messages go to the supervisor"), AgreementRecorded: true);
        }

        return new CallRoute(practice.ToProfile(), CoverageCalendar.Decide(practice, at), AgreementRecorded: practice.Agreement is not null);
    }

    public async Task<IReadOnlyList<OnCallContact>> OnCallChainAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var schedule = await ScheduleAsync(practiceId, at, cancellationToken).ConfigureAwait(false);
        return schedule is null
            ? [supervisor with { Reason = "supervisor: the number belongs to no practice" }]
            : OnCallChain.Build(schedule, at, supervisor, dialString);
    }

    /// <summary>The practice's schedule with the overrides around an instant, or null for no such practice.</summary>
    public async Task<OnCallSchedule?> ScheduleAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var practice = await store.GetAsync(practiceId, cancellationToken).ConfigureAwait(false);
        if (practice is null)
        {
            return null;
        }

        var overrides = await store.OverridesAsync(practiceId, at - OverrideWindow, at + OverrideWindow, cancellationToken).ConfigureAwait(false);
        return new OnCallSchedule(practice, overrides);
    }
}
