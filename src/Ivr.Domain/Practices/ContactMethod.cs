namespace Ivr.Domain.Practices;

/// <summary>One way to reach a clinician; <paramref name="Verified"/> says a test call or message reached them.</summary>
public sealed record ContactMethod(ContactKind Kind, string Address, bool Verified)
{
    public bool IsVoice => Kind is ContactKind.Sip or ContactKind.Phone;
}
