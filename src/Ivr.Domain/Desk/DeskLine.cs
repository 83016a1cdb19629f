namespace Ivr.Domain.Desk;

/// <summary>
/// The desk's two lines: its operators and its nurses. A caller waits on one line and is offered only to the
/// people working it; an operator can move a caller to the nurse line (a transfer), and the IVR or the
/// practice's policy can send a caller there directly (docs/triage.md).
/// </summary>
public enum DeskLine
{
    /// <summary>The operators: they comfort, take a typed message, patch the doctor or transfer.</summary>
    Operators,

    /// <summary>The nurses: telephone triage.</summary>
    Nurses,
}

/// <summary>The words for a line's people, as the desk's timeline and the screens say them.</summary>
public static class DeskLines
{
    /// <summary><c>operator</c> or <c>nurse</c>.</summary>
    public static string Worker(DeskLine line) => line == DeskLine.Nurses ? "nurse" : "operator";

    /// <summary><c>operator queue</c> or <c>nurse queue</c>.</summary>
    public static string Queue(DeskLine line) => $"{Worker(line)} queue";
}
