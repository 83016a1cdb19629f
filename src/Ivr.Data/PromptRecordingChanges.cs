namespace Ivr.Data;

/// <summary>
/// Tells this process's prompt lookup that a recording was kept or reverted here, so the next call hears it at once;
/// other processes (the command line, another server) are seen when the lookup next refreshes.
/// </summary>
public sealed class PromptRecordingChanges
{
    /// <summary>Raised after a recording was kept or reverted through this process's store.</summary>
    public event Action? Raised;

    /// <summary>Says a recording changed.</summary>
    public void Changed() => Raised?.Invoke();
}
