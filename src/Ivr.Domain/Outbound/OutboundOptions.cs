namespace Ivr.Domain.Outbound;

/// <summary>
/// The service's outbound dialling (section <c>Outbound</c>): how many campaign calls it makes at once, and what share of
/// Asterisk's capacity they may ever take. Inbound patient calls always come first: see <see cref="OutboundPacing"/>.
/// </summary>
public sealed class OutboundOptions
{
    /// <summary>Whether this process dials campaigns. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due patients are looked for. Default 2 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Campaign calls at once from this process, all campaigns together. Default 4.</summary>
    public int MaxChannels { get; set; } = 4;

    /// <summary>The calls at once this Asterisk carries (its licence, trunk or CPU). Default 40.</summary>
    public int Capacity { get; set; } = 40;

    /// <summary>The share of <see cref="Capacity"/> campaign calls may take. Default 0.25.</summary>
    public double Share { get; set; } = 0.25;

    /// <summary>
    /// How long a patient stays leased to the process calling them (ringing, AMD, the message, the menu); a killed
    /// process's patients are free again after it. Default 5 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the patient's phone rings. Default 30 seconds.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a patient on a reschedule call waits for the practice's EHR to list its free slots (level Book) before
    /// the campaign's own typed times are offered instead. Default 4 seconds.
    /// </summary>
    public TimeSpan EhrTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How far ahead a reschedule call looks in the EHR for free slots. Default 14 days.</summary>
    public int EhrSlotDays { get; set; } = 14;

    /// <summary>What is wrong with these options, in words; null when they hold.</summary>
    public string? Check() =>
        MaxChannels < 0 ? $"Outbound:MaxChannels is {MaxChannels}; 0 or more"
        : Capacity < 1 ? $"Outbound:Capacity is {Capacity}; 1 or more"
        : Share is < 0 or > 1 ? $"Outbound:Share is {Share}; from 0 to 1"
        : PollInterval <= TimeSpan.Zero ? "Outbound:PollInterval must be positive"
        : EhrTimeout <= TimeSpan.Zero ? "Outbound:EhrTimeout must be positive"
        : EhrSlotDays < 1 ? $"Outbound:EhrSlotDays is {EhrSlotDays}; 1 or more"
        : Lease < RingTimeout + TimeSpan.FromMinutes(1) ? $"Outbound:Lease ({Lease}) must outlast the ring ({RingTimeout}) by a minute at least"
        : null;
}
