namespace Ivr.Domain.Practices;

/// <summary>A one-off closure (snow day, staff training) between two local times; the service answers throughout.</summary>
public sealed record Closure(DateTime From, DateTime Until, string Reason)
{
    public bool Contains(DateTime local) => local >= From && local < Until;
}
