using Ivr.Domain.Dispatch;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Dispatch;

/// <summary>Needs nothing: which contact each escalation step pages, and when the next falls due.</summary>
public sealed class EscalationPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    private static OnCallContact Contact(string id) => new(id, id, $"PJSIP/{id}", TimeSpan.FromSeconds(25), "test");

    [Fact]
    public void EachContactIsPagedByPolicyAndTheSupervisorLastNeverRunsOut()
    {
        var plan = new EscalationPlan([Contact("dr-1"), Contact("dr-2"), Contact("supervisor")], new EscalationPolicy(TimeSpan.FromMinutes(5), 3));

        var steps = Enumerable.Range(0, 12).Select(plan.Step).ToList();

        Assert.Equal(["dr-1", "dr-1", "dr-1", "dr-2", "dr-2", "dr-2", "supervisor", "supervisor", "supervisor", "supervisor", "supervisor", "supervisor"], steps.Select(s => s.Contact.ClinicianId));
        Assert.Equal([1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 5, 6], steps.Select(s => s.Attempt));
        Assert.True(steps[6].IsLastContact);
        Assert.False(steps[5].IsLastContact);
    }

    [Fact]
    public void TheNextStepIsAnIntervalAfterTheLastDueOrAtOnceWhenLate()
    {
        var plan = new EscalationPlan([Contact("supervisor")], new EscalationPolicy(TimeSpan.FromMinutes(5), 1));

        Assert.Equal(Now.AddMinutes(5), plan.NextDue(Now, Now.AddSeconds(40)));
        Assert.Equal(Now.AddMinutes(7), plan.NextDue(Now, Now.AddMinutes(7)));
    }

    [Fact]
    public void AnEmptyChainOrAPolicyThatPagesNobodyIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new EscalationPlan([], EscalationPolicy.Default));
        Assert.Throws<ArgumentException>(() => new EscalationPlan([Contact("supervisor")], new EscalationPolicy(TimeSpan.FromMinutes(5), 0)));
    }
}
