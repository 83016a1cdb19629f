namespace Ivr.Portal.Desk;

/// <summary>What the desk answered a user: <paramref name="Result"/> only when <paramref name="Access"/> is <see cref="DeskAccessStatus.Open"/>.</summary>
public sealed record DeskAnswer<T>(DeskAccessStatus Access, T? Result = null) where T : class;
