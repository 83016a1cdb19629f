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

    /// <summary>Failed sign-ins since the last good one or the last lockout that ran out.</summary>
    public int FailedCount { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
