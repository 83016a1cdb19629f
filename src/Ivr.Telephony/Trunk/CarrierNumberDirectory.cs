using Ivr.Domain.Practices;

namespace Ivr.Telephony.Trunk;

/// <summary>
/// The practice directory as calls from a carrier need it: a dialled number finds its practice however the carrier
/// writes it and however the practice file wrote it (<see cref="CarrierNumbers.Spellings"/>, read in
/// <see cref="TrunkOptions.Region"/>). A number no spelling finds is still answered, as the directory answers it.
/// </summary>
public sealed class CarrierNumberDirectory(IPracticeDirectory directory, TrunkOptions trunk) : IPracticeDirectory
{
    public async Task<CallRoute> RouteAsync(string dialedNumber, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        CallRoute? first = null;
        foreach (var spelling in CarrierNumbers.Spellings(dialedNumber, trunk.Region))
        {
            var route = await directory.RouteAsync(spelling, at, cancellationToken);
            if (route.Practice.Id != PracticeDirectory.UnknownPracticeId)
            {
                return route;
            }

            first ??= route;
        }

        return first ?? await directory.RouteAsync(dialedNumber, at, cancellationToken);
    }

    public Task<IReadOnlyList<OnCallContact>> OnCallChainAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        directory.OnCallChainAsync(practiceId, at, cancellationToken);
}
