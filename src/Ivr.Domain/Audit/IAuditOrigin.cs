namespace Ivr.Domain.Audit;

/// <summary>
/// Where the access being audited comes from: the portal session and the client's address of the
/// request in progress, or the command line. The audit log fills an entry's empty fields from it,
/// so no access class has to pass them along.
/// </summary>
public interface IAuditOrigin
{
    /// <summary>The session id (the portal's <c>ivr:session</c> claim), or null.</summary>
    string? Session { get; }

    /// <summary>The client's address, or null when unknown.</summary>
    string? Address { get; }
}
