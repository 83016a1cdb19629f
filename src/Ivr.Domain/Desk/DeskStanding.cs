using Ivr.Domain.Practices;

namespace Ivr.Domain.Desk;

/// <summary>Where a caller stands at the desk, as their flow reads it between waits.</summary>
/// <param name="Stage">Waiting, with an operator, sent to the office, or done with the desk.</param>
/// <param name="Position">Their place in the queue (1 is next) while waiting.</param>
/// <param name="ExpectedWait">How long they may still wait, when it can be said.</param>
/// <param name="Detail">What happened at the desk, for the call's outcome ("operator sam took a message", "patched to dr-lee").</param>
/// <param name="MessageId">The message an operator saved for the call, if any.</param>
/// <param name="ClinicianId">The clinician a patch connected, if any.</param>
/// <param name="Office">The office line the operator sent the caller to (<see cref="DeskStage.ToOffice"/>).</param>
/// <param name="Line">The line the caller is on now: an operator's transfer moves them to the nurses'.</param>
public sealed record DeskStanding(DeskStage Stage, int? Position, TimeSpan? ExpectedWait, string Detail, long? MessageId, string? ClinicianId, OfficeLine? Office = null, DeskLine Line = DeskLine.Operators)
{
    /// <summary>Unknown to the desk, or let go.</summary>
    public static DeskStanding Gone { get; } = new(DeskStage.Done, null, null, "not at the desk", null, null);
}

/// <summary>A caller's stage at the desk.</summary>
public enum DeskStage
{
    /// <summary>In the queue: their flow plays the hold announcements.</summary>
    Waiting,

    /// <summary>An operator answered: the caller stays in their room, with the operator (and a patched doctor).</summary>
    WithOperator,

    /// <summary>The operator sent them to the practice's office line.</summary>
    ToOffice,

    /// <summary>The operator released the call and nobody is left with the caller: the call is over.</summary>
    Done,
}
