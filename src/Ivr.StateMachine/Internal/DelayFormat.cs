using System.Globalization;
using System.Text;

namespace Ivr.StateMachine.Internal;

/// <summary>Short delay labels for graphs: <c>30s</c>, <c>1m30s</c>, <c>250ms</c>.</summary>
internal static class DelayFormat
{
    public static string Format(TimeSpan delay)
    {
        if (delay == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, (long)delay.TotalHours, "h");
        Append(text, delay.Minutes, "m");
        Append(text, delay.Seconds, "s");
        Append(text, delay.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Append(StringBuilder text, long value, string unit)
    {
        if (value != 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
