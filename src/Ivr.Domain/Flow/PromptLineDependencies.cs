using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Prompts;

namespace Ivr.Domain.Flow;

/// <summary>What every call to the prompt-recording line shares.</summary>
/// <param name="Pins">Whose PIN was entered.</param>
/// <param name="Users">The PIN's account: its role and practice decide whose prompts it records.</param>
/// <param name="Recordings">The recordings in use, for the words a prompt says now.</param>
/// <param name="Practices">A practice's typed greeting, said when it has no recording.</param>
/// <param name="Audio">Makes the recording a draft and keeps it.</param>
/// <param name="Audit">Every kept recording, every wrong PIN and every refused caller is recorded.</param>
/// <param name="Trail">The audit log read back: the wrong PINs of the last hour, from every caller, close the line to PINs.</param>
/// <param name="ManifestIds">The manifest's prompt ids in file order: the numbers callers key (<see cref="PromptNumbers"/>).</param>
/// <param name="Time">The clock.</param>
/// <param name="Options">Key timeouts.</param>
public sealed record PromptLineDependencies(
    IPromptPinStore Pins,
    IUserStore Users,
    IPromptRecordingStore Recordings,
    IPracticeStore Practices,
    IPromptAudio Audio,
    IAuditLog Audit,
    IAuditTrail Trail,
    IReadOnlyList<string> ManifestIds,
    TimeProvider Time,
    CallFlowOptions Options);
