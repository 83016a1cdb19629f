namespace Ivr.Domain.Accounts;

/// <summary>A portal account: one person, never shared. The password is kept only as a salted hash.</summary>
public sealed record PortalUser
{
    public long Id { get; init; }

    /// <summary>Lower case, unique.</summary>
    public required string Username { get; init; }

    public required string PasswordHash { get; init; }

    public required PortalRole Role { get; init; }

    /// <summary>The practice of practice admins and clinicians; null for supervisors and telecom admins.</summary>
    public string? PracticeId { get; init; }

    /// <summary>The clinician id (in the practice's file) of a clinician.</summary>
    public string? ClinicianId { get; init; }

    /// <summary>Failed sign-ins since the last good one.</summary>
    public int FailedCount { get; init; }

    /// <summary>
    /// No sign-in is tried before this time (the progressive delay of <see cref="LockoutPolicy"/>); it never
    /// ends a session and never locks the account for longer than the policy's cap.
    /// </summary>
    public DateTimeOffset? LockedUntil { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the account was disabled (no sign-in, every session ended); null while it is in use.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>When the account was removed: disabled for good, password wiped, the name kept so the audit history still names one person.</summary>
    public DateTimeOffset? RemovedAt { get; init; }

    public bool IsDisabled => DisabledAt is not null || RemovedAt is not null;

    public bool IsRemoved => RemovedAt is not null;

    /// <summary>True while a sign-in must wait (the progressive delay after wrong passwords).</summary>
    public bool MustWait(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
