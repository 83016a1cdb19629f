using System.Diagnostics.CodeAnalysis;

namespace Ivr.Domain.Triage;

/// <summary>
/// The words of the actions a practice file names (one per <see cref="TriageActions"/> flag) and the rules a
/// practice's mapping obeys; each check returns what is wrong in words, or null.
/// </summary>
public static class TriageActionRules
{
    private static readonly (TriageActions Flag, string Word)[] Words =
    [
        (TriageActions.TellCallerToCall911, "tell-caller-to-call-911"),
        (TriageActions.UrgentNoticeAfterCall, "urgent-notice-after-call"),
        (TriageActions.PagePhysicianNow, "page-physician-now"),
        (TriageActions.OfferPatch, "offer-patch"),
        (TriageActions.UrgentMessage, "urgent-message"),
        (TriageActions.AppointmentRequest, "appointment-request"),
        (TriageActions.MorningReport, "morning-report"),
    ];

    /// <summary>The actions that reach someone: a rung needs at least one, or its triage would reach nobody.</summary>
    public const TriageActions Reaching = TriageActions.UrgentMessage | TriageActions.MorningReport | TriageActions.PagePhysicianNow | TriageActions.UrgentNoticeAfterCall;

    /// <summary>The actions that make the triage's message urgent (the on-call chain is paged and it escalates).</summary>
    public const TriageActions Urgent = TriageActions.UrgentMessage | TriageActions.PagePhysicianNow | TriageActions.UrgentNoticeAfterCall;

    /// <summary>The action words, in flag order, for error messages.</summary>
    public static string Choices { get; } = string.Join(", ", Words.Select(w => w.Word));

    public static bool TryParse(string? word, [NotNullWhen(true)] out TriageActions? action)
    {
        foreach (var (flag, text) in Words)
        {
            if (string.Equals(text, word, StringComparison.Ordinal))
            {
                action = flag;
                return true;
            }
        }

        action = null;
        return false;
    }

    /// <summary>The words of <paramref name="actions"/>, in flag order.</summary>
    public static IReadOnlyList<string> Names(TriageActions actions) => [.. Words.Where(w => actions.HasFlag(w.Flag)).Select(w => w.Word)];

    /// <summary>What is wrong with <paramref name="actions"/> for <paramref name="disposition"/>, or null.</summary>
    public static string? Check(Disposition disposition, TriageActions actions)
    {
        var code = Dispositions.Code(disposition);
        if (actions.HasFlag(TriageActions.UrgentMessage) && actions.HasFlag(TriageActions.MorningReport))
        {
            return $"{code}: urgent-message and morning-report do not go together (a message is urgent or waits for the morning report)";
        }

        return (actions & Reaching) == 0
            ? $"{code} reaches no one: it needs urgent-message, morning-report, page-physician-now or urgent-notice-after-call"
            : null;
    }
}
