namespace Ivr.Domain.Accounts;

/// <summary>Why a session ended (stored with a revoked session, and in the audit log).</summary>
public static class SessionEnd
{
    public const string SignedOut = "signed out";
    public const string Everywhere = "signed out everywhere";
    public const string PasswordChanged = "password changed";
    public const string Disabled = "account disabled";
    public const string Removed = "account removed";
    public const string RoleChanged = "role changed";
    public const string RevokedBySupervisor = "revoked by a supervisor";
}
