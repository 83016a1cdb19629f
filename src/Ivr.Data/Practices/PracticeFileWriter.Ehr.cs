using System.Globalization;
using System.Text;
using Ivr.Domain.Ehr;

namespace Ivr.Data.Practices;

public static partial class PracticeFileWriter
{
    /// <summary>The <c>ehr:</c> section, written only for a practice that has one, so older files export as they were.</summary>
    private static void WriteEhr(StringBuilder y, EhrSettings ehr)
    {
        if (ehr.BaseUrl is null && ehr.Level == EhrLevel.None && ehr.ClientId.Length == 0)
        {
            return;
        }

        y.AppendLine("ehr:");
        if (ehr.BaseUrl is { } baseUrl)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  baseUrl: {Q(baseUrl.OriginalString)}");
        }

        if (ehr.TokenUrl is { } tokenUrl)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  tokenUrl: {Q(tokenUrl.OriginalString)}");
        }

        y.AppendLine(CultureInfo.InvariantCulture, $"  clientId: {Q(ehr.ClientId)}");
        y.AppendLine(CultureInfo.InvariantCulture, $"  privateKeyFile: {Q(ehr.PrivateKeyFile)}");
        if (ehr.KeyId.Length > 0)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  keyId: {Q(ehr.KeyId)}");
        }

        y.AppendLine(CultureInfo.InvariantCulture, $"  level: {Q(ehr.Level.ToString().ToLowerInvariant())}");
        y.AppendLine(CultureInfo.InvariantCulture, $"  schedules: [{string.Join(", ", ehr.Schedules.Select(Q))}]");
        y.AppendLine(CultureInfo.InvariantCulture, $"  sendMessageText: {(ehr.SendMessageText ? "true" : "false")}");
    }
}
