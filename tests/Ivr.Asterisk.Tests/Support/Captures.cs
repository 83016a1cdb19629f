namespace Ivr.Asterisk.Tests.Support;

/// <summary>The captured protocol text under Captures/ (see its README).</summary>
public static class Captures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Captures", name));
}
