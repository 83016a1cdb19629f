using System.Text;

namespace Ivr.Benchmarks;

/// <summary>The captured Asterisk 22 protocol text, as bytes and as lines.</summary>
public static class Captured
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Captures", name));

    public static string[] Lines(string name) =>
        Encoding.UTF8.GetString(Bytes(name)).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
}
