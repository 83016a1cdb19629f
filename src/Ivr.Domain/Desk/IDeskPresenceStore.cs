namespace Ivr.Domain.Desk;

/// <summary>
/// One service process's desk as the other processes see it: the FastAGI address Asterisk reaches it at, how many
/// operators and nurses are signed in to it and how many of them are free, and when it last said so.
/// </summary>
/// <param name="AgiUrl">The process's FastAGI address, e.g. <c>agi://10.0.0.5:4573</c>; one row per address.</param>
/// <param name="Operators">Operators signed in to the process's desk.</param>
/// <param name="Nurses">Nurses signed in to the process's desk.</param>
/// <param name="SeenAt">When the process last published this row.</param>
/// <param name="OperatorsFree">Of the operators, those free now: available, with no call offered to them or taken.</param>
/// <param name="NursesFree">Of the nurses, those free now.</param>
public sealed record DeskPresence(string AgiUrl, int Operators, int Nurses, DateTimeOffset SeenAt, int OperatorsFree = 0, int NursesFree = 0)
{
    /// <summary>Those signed in on <paramref name="line"/>.</summary>
    public int SignedIn(DeskLine line) => line == DeskLine.Nurses ? Nurses : Operators;

    /// <summary>Those free now on <paramref name="line"/>.</summary>
    public int Free(DeskLine line) => line == DeskLine.Nurses ? NursesFree : OperatorsFree;
}

/// <summary>The desks of the service processes sharing one database, each published by its own process.</summary>
public interface IDeskPresenceStore
{
    /// <summary>Writes this process's row (insert or replace by <see cref="DeskPresence.AgiUrl"/>).</summary>
    Task PublishAsync(DeskPresence presence, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rows of processes other than <paramref name="self"/> seen at or after <paramref name="freshSince"/>, most
    /// operators first (then most nurses, then <see cref="DeskPresence.AgiUrl"/>).
    /// </summary>
    Task<IReadOnlyList<DeskPresence>> OthersAsync(string self, DateTimeOffset freshSince, CancellationToken cancellationToken = default);

    /// <summary>Removes this process's row (on shutdown).</summary>
    Task WithdrawAsync(string agiUrl, CancellationToken cancellationToken = default);
}
