namespace Ivr.Domain.Triage;

/// <summary>
/// A practice's nurse triage settings: what each rung of the disposition ladder does for this practice
/// (issue 15: "dispositions act, as the practice configures them"). A rung the practice did not name keeps
/// its default (<see cref="DispositionActions.For"/>). Check a mapping with <see cref="TriageActionRules.Check"/>.
/// </summary>
public sealed record TriageSettings
{
    public static TriageSettings Default { get; } = new();

    /// <summary>The rungs the practice set, each with its whole set of actions; the others keep their defaults.</summary>
    public IReadOnlyDictionary<Disposition, TriageActions> Actions { get; init; } = new Dictionary<Disposition, TriageActions>();

    /// <summary>True when every rung does what it does by default (an export then leaves the section out).</summary>
    public bool IsDefault => Dispositions.All.All(d => ActionsFor(d) == DispositionActions.For(d));

    /// <summary>What <paramref name="disposition"/> does for this practice.</summary>
    public TriageActions ActionsFor(Disposition disposition) =>
        Actions.TryGetValue(disposition, out var actions) ? actions : DispositionActions.For(disposition);
}
