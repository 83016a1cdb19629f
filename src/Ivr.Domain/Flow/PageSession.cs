using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>Where one voice page stands: the attempt it answers, the message, and what the clinician has done so far.</summary>
public sealed class PageSession(DispatchAttempt attempt, PatientMessage message, Practice? practice)
{
    public DispatchAttempt Attempt { get; } = attempt;

    public PatientMessage Message { get; } = message;

    public Practice? Practice { get; } = practice;

    public PageState State { get; set; } = PageState.Incoming;

    /// <summary>How many times the current question has been asked.</summary>
    public int Attempts { get; set; }

    /// <summary>How many times the message has been played.</summary>
    public int Plays { get; set; }

    /// <summary>True once the clinician has heard the message.</summary>
    public bool Heard { get; set; }

    /// <summary>True when this page acknowledged the message (it was not acknowledged before).</summary>
    public bool Acknowledged { get; set; }
}
