using System.Xml.Linq;
using Ivr.Data;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Portal.Security;

/// <summary>Reads what <see cref="PhiXmlEncryptor"/> wrote. Data protection creates it by type name, with the service provider.</summary>
public sealed class PhiXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var protector = services.GetRequiredService<PhiProtector>();
        return XElement.Parse(protector.Unprotect(encryptedElement.Value, PhiXmlEncryptor.Purpose)!);
    }
}
