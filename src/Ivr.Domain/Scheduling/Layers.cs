namespace Ivr.Domain.Scheduling;

/// <summary>Layer numbers: 1 is primary, 2 backup, and further layers are called after them.</summary>
public static class Layers
{
    public const int Primary = 1;

    public const int Backup = 2;

    public static string Name(int layer) => layer switch
    {
        Primary => "primary",
        Backup => "backup",
        _ => $"layer {layer}",
    };

    public static bool TryParse(string text, out int layer)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "primary":
                layer = Primary;
                return true;
            case "backup":
                layer = Backup;
                return true;
            default:
                return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out layer) && layer >= 1;
        }
    }
}
