namespace Ivr.Domain.Outbound;

/// <summary>
/// How many new campaign calls may start now. Campaign calls never take more than <see cref="OutboundOptions.MaxChannels"/>
/// nor their share of Asterisk's capacity, and inbound patient calls come first: once the patients calling in fill what
/// is not the campaigns' share (an inbound surge), no new campaign call starts until they ebb; calls in progress finish.
/// </summary>
public static class OutboundPacing
{
    /// <param name="options">The service's outbound options.</param>
    /// <param name="inbound">Patient calls in progress.</param>
    /// <param name="outbound">Campaign calls in progress.</param>
    public static int Room(OutboundOptions options, int inbound, int outbound)
    {
        ArgumentNullException.ThrowIfNull(options);
        var share = (int)Math.Floor(options.Capacity * options.Share);
        if (Surge(options, inbound))
        {
            return 0;
        }

        var free = options.Capacity - inbound - outbound;
        return Math.Max(0, Math.Min(Math.Min(options.MaxChannels, share) - outbound, free));
    }

    /// <summary>Patients calling in fill everything but the campaigns' share: dialling pauses.</summary>
    public static bool Surge(OutboundOptions options, int inbound)
    {
        ArgumentNullException.ThrowIfNull(options);
        return inbound >= options.Capacity - (int)Math.Floor(options.Capacity * options.Share);
    }
}
