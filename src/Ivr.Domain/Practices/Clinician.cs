namespace Ivr.Domain.Practices;

/// <summary>A physician, nurse or practice admin, with contact methods in the order to try them.</summary>
public sealed record Clinician(string Id, string Name, ClinicianRole Role, IReadOnlyList<ContactMethod> Contacts)
{
    /// <summary>Voice methods to ring, verified ones first; unverified ones only when none is verified.</summary>
    public IReadOnlyList<ContactMethod> VoiceContacts()
    {
        var voice = Contacts.Where(c => c.IsVoice).ToList();
        var verified = voice.Where(c => c.Verified).ToList();
        return verified.Count > 0 ? verified : voice;
    }

    public bool HasVerifiedVoiceContact => Contacts.Any(c => c.IsVoice && c.Verified);
}
