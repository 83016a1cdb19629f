using MimeKit;

namespace Ivr.Telephony.Dispatch;

/// <summary>One plain mailbox (<c>someone@example.org</c>), as MimeKit reads it; a display name or a group is not one.</summary>
public static class SmtpAddress
{
    public static bool TryParse(string? text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(text, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }
}
