using QRCoder;

namespace Ivr.Portal.Accounts;

/// <summary>The enrolment QR code as an inline SVG (the content security policy allows no data: images).</summary>
public static class SecondFactorQr
{
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
