using System.Xml.Linq;
using Ivr.Data;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Ivr.Portal.Security;

/// <summary>
/// Encrypts the keys that sign sign-in cookies with the patient-data key, so the key folder alone
/// gives nothing away (ASP.NET Core would otherwise keep them in plain XML on Linux).
/// </summary>
public sealed class PhiXmlEncryptor(PhiProtector protector) : IXmlEncryptor
{
    internal const string Purpose = "portal.cookie-keys";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedKey = new XElement("phiEncryptedKey", protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose));
        return new EncryptedXmlInfo(sealedKey, typeof(PhiXmlDecryptor));
    }
}
