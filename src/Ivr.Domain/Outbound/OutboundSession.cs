using Ivr.Domain.Practices;

namespace Ivr.Domain.Outbound;

/// <summary>Where one campaign call stands: the attempt, its patient and campaign, the prompts it plays, and what the patient did so far.</summary>
public sealed class OutboundSession(CampaignAttempt attempt, CampaignPatientRecord patient, Campaign campaign, Practice? practice, CampaignPrompts prompts)
{
    public CampaignAttempt Attempt { get; } = attempt;

    public CampaignPatientRecord Patient { get; } = patient;

    public Campaign Campaign { get; } = campaign;

    public Practice? Practice { get; } = practice;

    public CampaignPrompts Prompts { get; } = prompts;

    public OutboundState State { get; set; } = OutboundState.Incoming;

    /// <summary>How many times the current question has been asked.</summary>
    public int Attempts { get; set; }

    /// <summary>How many times the message has been played.</summary>
    public int Plays { get; set; }

    /// <summary>True once the patient heard the whole message.</summary>
    public bool Heard { get; set; }

    /// <summary>The slots last offered (at most three), in the order of their keys.</summary>
    public IReadOnlyList<CampaignSlot> Offered { get; set; } = [];

    /// <summary>The slot the patient chose, before it is booked.</summary>
    public CampaignSlot? Chosen { get; set; }

    /// <summary>Slots that were taken under the patient while they chose: not offered again.</summary>
    public HashSet<long> Lost { get; } = [];

    /// <summary>How the call ended, once the attempt is closed.</summary>
    public AttemptResult? Result { get; set; }
}
