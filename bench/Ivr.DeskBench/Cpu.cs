using System.Globalization;

namespace Ivr.DeskBench;

/// <summary>A process's CPU time from /proc: user and system clock ticks.</summary>
public static class Cpu
{
    /// <summary>Clock ticks per second (USER_HZ), 100 on Linux.</summary>
    private const double TicksPerSecond = 100;

    public static long Ticks(int pid)
    {
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public static double Seconds(long ticks) => ticks / TicksPerSecond;
}
