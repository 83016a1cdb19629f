using Ivr.Domain.Practices;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Practices;

/// <summary>The practice directory read from configuration (one practice); the schedules issue replaces it.</summary>
public sealed class ConfiguredPracticeDirectory(IOptionsMonitor<PracticeOptions> options) : IPracticeDirectory
{
    public Task<PracticeProfile> FindByNumberAsync(string dialedNumber, CancellationToken cancellationToken = default)
    {
        var practice = options.CurrentValue;
        return Task.FromResult(new PracticeProfile(practice.Id, practice.Name, practice.GreetingPromptId, practice.EmergencyFallbackDial, practice.TimeZone));
    }

    public Task<IReadOnlyList<OnCallContact>> OnCallChainAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var practice = options.CurrentValue;
        var chain = practice.OnCall
            .Select((c, i) => Contact(c, i == 0 ? "primary (configuration)" : $"backup {i} (configuration)"))
            .Append(Contact(practice.Supervisor, "supervisor: last step of every chain"))
            .ToArray();
        return Task.FromResult<IReadOnlyList<OnCallContact>>(chain);
    }

    private static OnCallContact Contact(OnCallContactOptions contact, string reason) =>
        new(contact.ClinicianId, contact.DisplayName, contact.DialString, TimeSpan.FromSeconds(contact.RingTimeoutSeconds), reason);
}
