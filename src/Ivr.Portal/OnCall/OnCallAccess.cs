using System.Globalization;
using System.Security.Cryptography;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.OnCall;

/// <summary>
/// The one way the portal reaches on-call schedules: practice staff and clinicians see their own
/// practice's, the supervisor every practice's; only the supervisor and the practice's admins change
/// them. Every change and every refusal is audited (<c>oncall.denied</c>).
/// </summary>
public sealed class OnCallAccess(IPracticeStore practices, ICalendarFeedStore feeds, IUserStore users, IAuditLog audit, TimeProvider time, ILogger<OnCallAccess> logger)
{
    /// <summary>How far ahead the gap warnings look.</summary>
    public static readonly TimeSpan CheckAhead = TimeSpan.FromDays(28);

    private const int MaxReasonLength = 200;

    /// <summary>Opens a practice's schedule for viewing; another practice's is refused and audited.</summary>
    public async Task<OnCallLookup> OpenAsync(PortalIdentity who, string practiceId, CancellationToken cancellationToken = default)
    {
        var practice = await practices.GetAsync(practiceId, cancellationToken);
        if (practice is null)
        {
            return new OnCallLookup(LookupStatus.NotFound);
        }

        if (!who.CanSeePractice(practiceId))
        {
            await DenyAsync(who, practiceId, "oncall.view", practiceId, cancellationToken);
            return new OnCallLookup(LookupStatus.Denied);
        }

        return new OnCallLookup(LookupStatus.Found, practice);
    }

    /// <summary>The practice's schedule with the overrides overlapping [from, until).</summary>
    public async Task<OnCallSchedule> ScheduleAsync(Practice practice, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        new(practice, await practices.OverridesAsync(practice.Id, from, until, cancellationToken));

    /// <summary>What the schedule check finds from now over the next <see cref="CheckAhead"/>.</summary>
    public async Task<IReadOnlyList<ScheduleFinding>> CheckAsync(Practice practice, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return ScheduleCheck.Run(await ScheduleAsync(practice, now, now + CheckAhead, cancellationToken), now, now + CheckAhead);
    }

    public async Task<OverrideChange> AddOverrideAsync(PortalIdentity who, string practiceId, OverrideRequest request, CancellationToken cancellationToken = default)
    {
        var practice = await practices.GetAsync(practiceId, cancellationToken);
        if (practice is null)
        {
            return new OverrideChange(OverrideStatus.NotFound);
        }

        if (!who.CanChangeScheduleOf(practiceId))
        {
            await DenyAsync(who, practiceId, "oncall.override.add", practiceId, cancellationToken);
            return new OverrideChange(OverrideStatus.Denied);
        }

        var reason = request.Reason.Trim();
        var error = practice.Clinician(request.ClinicianId) is null ? $"'{request.ClinicianId}' is not a clinician of {practice.Name}."
            : request.Layer < Layers.Primary ? "Choose a layer."
            : request.Until <= request.From ? "The override must end after it starts."
            : request.Until <= time.GetUtcNow() ? "The override ends in the past."
            : reason.Length == 0 ? "Give a reason (vacation, swap, illness…)."
            : reason.Length > MaxReasonLength ? $"Keep the reason under {MaxReasonLength} characters."
            : null;
        if (error is not null)
        {
            return new OverrideChange(OverrideStatus.Invalid, Error: error);
        }

        var id = await practices.AddOverrideAsync(
            new OnCallOverride(0, practiceId, request.Layer, request.ClinicianId, request.From, request.Until, reason, who.Actor, time.GetUtcNow()),
            cancellationToken);
        var clock = practice.Clock();
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "oncall.override.add", "override", Id(id),
            $"{practiceId} {Layers.Name(request.Layer)}: {request.ClinicianId} from {clock.Describe(request.From)} until {clock.Describe(request.Until)}"), cancellationToken);
        logger.LogInformation("Override {OverrideId} of {PracticeId} ({Layer}) added by portal user {Username}", id, practiceId, Layers.Name(request.Layer), who.Username);
        return new OverrideChange(OverrideStatus.Done, id);
    }

    public async Task<OverrideChange> CancelOverrideAsync(PortalIdentity who, string practiceId, long overrideId, CancellationToken cancellationToken = default)
    {
        if (await practices.GetAsync(practiceId, cancellationToken) is null)
        {
            return new OverrideChange(OverrideStatus.NotFound);
        }

        if (!who.CanChangeScheduleOf(practiceId))
        {
            await DenyAsync(who, practiceId, "oncall.override.cancel", Id(overrideId), cancellationToken);
            return new OverrideChange(OverrideStatus.Denied);
        }

        // The id must be one of this practice's live overrides: an admin of A cannot cancel B's by its number.
        var now = time.GetUtcNow();
        var live = await practices.OverridesAsync(practiceId, now.AddYears(-1), now.AddYears(10), cancellationToken);
        if (live.All(o => o.Id != overrideId) || !await practices.CancelOverrideAsync(overrideId, who.Actor, now, cancellationToken))
        {
            return new OverrideChange(OverrideStatus.NotFound);
        }

        await audit.RecordAsync(new AuditEntry(now, who.AuditActor, "oncall.override.cancel", "override", Id(overrideId), practiceId), cancellationToken);
        logger.LogInformation("Override {OverrideId} of {PracticeId} cancelled by portal user {Username}", overrideId, practiceId, who.Username);
        return new OverrideChange(OverrideStatus.Done, overrideId);
    }

    /// <summary>
    /// The clinician's calendar feed, made on the first visit of someone allowed to see it;
    /// <paramref name="regenerate"/> replaces the token, so the old address stops working.
    /// Null when the user may not see this clinician's shifts (audited).
    /// </summary>
    public async Task<CalendarFeed?> FeedAsync(PortalIdentity who, Practice practice, string clinicianId, bool regenerate, CancellationToken cancellationToken = default)
    {
        if (!who.CanSeeShiftsOf(practice.Id, clinicianId))
        {
            await DenyAsync(who, practice.Id, "oncall.feed", clinicianId, cancellationToken);
            return null;
        }

        var feed = await feeds.GetAsync(practice.Id, clinicianId, cancellationToken);
        if (feed is not null && !regenerate)
        {
            return feed;
        }

        // A clinician with a portal account gets a feed that dies with the account.
        var account = (await users.ListAsync(cancellationToken)).FirstOrDefault(u => u.Role == PortalRole.Clinician && u.PracticeId == practice.Id && u.ClinicianId == clinicianId);
        feed = new CalendarFeed(practice.Id, clinicianId, NewToken(), time.GetUtcNow()) { AccountId = account?.Id };
        await feeds.SaveAsync(feed, cancellationToken);
        await audit.RecordAsync(new AuditEntry(feed.CreatedAt, who.AuditActor, regenerate ? "oncall.feed.regenerate" : "oncall.feed.create", "clinician", clinicianId, practice.Id), cancellationToken);
        return feed;
    }

    /// <summary>256 random bits, URL-safe: the feed's only protection is that nobody can guess it.</summary>
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task DenyAsync(PortalIdentity who, string practiceId, string action, string subject, CancellationToken cancellationToken)
    {
        logger.LogWarning("Portal user {Username} ({Role}) was refused {Action} of practice {PracticeId}", who.Username, PortalRoles.Name(who.Role), action, practiceId);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "oncall.denied", "practice", practiceId,
            $"{action} {subject} refused: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}, schedule of {practiceId}"), cancellationToken);
    }
}
