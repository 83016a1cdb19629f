namespace Ivr.StateMachine;

/// <summary>A state machine definition is inconsistent; thrown by <c>Build</c>, naming every problem found.</summary>
public sealed class StateMachineConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public StateMachineConfigurationException(IReadOnlyList<string> problems)
        : base("Invalid state machine configuration: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>One sentence per problem, in the order they were found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
