using Ivr.Domain.Audit;

namespace Ivr.Server.Cli;

/// <summary>Where a command line's audit rows come from: this machine, no portal session.</summary>
internal sealed class CliAuditOrigin : IAuditOrigin
{
    public string? Session => null;

    public string? Address => "local";
}
