namespace Ivr.Domain.Practices;

/// <summary>
/// Decides whether the office or the service takes a call at an instant. Precedence, first match
/// wins: 24/7 mode; a one-off closure; a holiday; business hours (the office rings first); otherwise
/// after hours (the service answers).
/// </summary>
public static class CoverageCalendar
{
    public static CoverageDecision Decide(Practice practice, DateTimeOffset instant)
    {
        if (practice.Coverage == CoverageMode.AlwaysOn)
        {
            return new(practice.Coverage, null, "24/7 coverage: the service answers every call");
        }

        var local = practice.Clock().Local(instant);
        if (practice.Closures.FirstOrDefault(c => c.Contains(local)) is { } closure)
        {
            return new(practice.Coverage, null, $"closure: {closure.Reason} ({closure.From:yyyy-MM-dd HH:mm} to {closure.Until:yyyy-MM-dd HH:mm})");
        }

        if (practice.Holidays.On(DateOnly.FromDateTime(local)) is { } holiday)
        {
            return new(practice.Coverage, null, $"holiday: {holiday.Name}");
        }

        if (practice.Hours.OpenAt(local) is { } open)
        {
            var hours = $"business hours {local:ddd} {open}";
            if (practice.Office is null)
            {
                return new(practice.Coverage, null, $"{hours}, but no office line is configured: the service answers");
            }

            return practice.Coverage == CoverageMode.Overflow
                ? new(practice.Coverage, practice.Office, $"{hours}: overflow, the office rings first and the service answers on no answer or busy")
                : new(practice.Coverage, practice.Office, $"{hours}: the office takes the call; the service answers only if it does not");
        }

        return new(practice.Coverage, null, $"after hours ({local:ddd HH:mm} local)");
    }
}
