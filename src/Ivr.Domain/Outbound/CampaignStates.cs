namespace Ivr.Domain.Outbound;

/// <summary>
/// Which moves between <see cref="CampaignState"/>s staff and the dialler may make: start a draft, pause and resume a
/// running one, cancel anything not over, finish a running or paused one. <see cref="Check"/> says in words why a move
/// is refused, or null.
/// </summary>
public static class CampaignStates
{
    public static string? Check(CampaignState from, CampaignState to) => (from, to) switch
    {
        (CampaignState.Draft, CampaignState.Running) => null,
        (CampaignState.Running, CampaignState.Paused) => null,
        (CampaignState.Paused, CampaignState.Running) => null,
        (CampaignState.Draft or CampaignState.Running or CampaignState.Paused, CampaignState.Cancelled) => null,
        (CampaignState.Running or CampaignState.Paused, CampaignState.Finished) => null,
        _ when from == to => $"the campaign is {Word(from)} already",
        _ => $"a campaign that is {Word(from)} cannot be {Verb(to)}",
    };

    public static string Word(CampaignState state) => state switch
    {
        CampaignState.Draft => "a draft",
        CampaignState.Running => "running",
        CampaignState.Paused => "paused",
        CampaignState.Cancelled => "cancelled",
        _ => "finished",
    };

    private static string Verb(CampaignState to) => to switch
    {
        CampaignState.Running => "started or resumed",
        CampaignState.Paused => "paused",
        CampaignState.Cancelled => "cancelled",
        CampaignState.Finished => "finished",
        _ => "made a draft again",
    };
}
