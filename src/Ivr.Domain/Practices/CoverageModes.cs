namespace Ivr.Domain.Practices;

/// <summary>The names coverage modes go by in practice files, call records and the command line.</summary>
public static class CoverageModes
{
    public static string Name(CoverageMode mode) => mode switch
    {
        CoverageMode.Overflow => "overflow",
        CoverageMode.AlwaysOn => "24/7",
        _ => "after-hours",
    };

    public static bool TryParse(string name, out CoverageMode mode)
    {
        foreach (var candidate in Enum.GetValues<CoverageMode>())
        {
            if (Name(candidate) == name)
            {
                mode = candidate;
                return true;
            }
        }

        mode = CoverageMode.AfterHours;
        return false;
    }
}
