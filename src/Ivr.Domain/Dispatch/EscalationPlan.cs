using Ivr.Domain.Practices;

namespace Ivr.Domain.Dispatch;

/// <summary>
/// The pages of one urgent message, fixed when it is dispatched: the on-call chain at that moment and
/// the practice's policy. Step n is a pure function of both, so a restarted service resumes exactly
/// where the database says it was. The supervisor is the last contact and is paged until someone
/// acknowledges: the plan never runs out.
/// </summary>
public sealed class EscalationPlan
{
    public EscalationPlan(IReadOnlyList<OnCallContact> chain, EscalationPolicy policy)
    {
        if (chain.Count == 0)
        {
            throw new ArgumentException("An escalation chain ends with the supervisor; it is never empty.", nameof(chain));
        }

        if (policy.AttemptsPerContact < 1 || policy.RepeatEvery <= TimeSpan.Zero)
        {
            throw new ArgumentException("An escalation policy pages each contact at least once, a positive interval apart.", nameof(policy));
        }

        Chain = chain;
        Policy = policy;
    }

    public IReadOnlyList<OnCallContact> Chain { get; }

    public EscalationPolicy Policy { get; }

    public EscalationStep Step(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        var index = Math.Min(number / Policy.AttemptsPerContact, Chain.Count - 1);
        var attempt = number - (index * Policy.AttemptsPerContact) + 1;
        return new EscalationStep(number, Chain[index], index, attempt, index == Chain.Count - 1);
    }

    /// <summary>When the step after one due at <paramref name="due"/> is due: an interval later, or now when the service is late.</summary>
    public DateTimeOffset NextDue(DateTimeOffset due, DateTimeOffset now)
    {
        var next = due + Policy.RepeatEvery;
        return next > now ? next : now;
    }
}
