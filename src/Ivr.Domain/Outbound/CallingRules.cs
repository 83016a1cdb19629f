namespace Ivr.Domain.Outbound;

/// <summary>
/// What a practice allows its outbound campaigns (issue 16): the calling window on the patient's own clock (never
/// wider than the law's 08:00-21:00, tighter if the practice wants) and how often one number may be called for the
/// same campaign (one a day and three a week by default, after the FCC's healthcare exemption; a practice may raise
/// them). <see cref="Check"/> says what is wrong in words, or null.
/// </summary>
public sealed record CallingRules
{
    /// <summary>The earliest a call may start, on the patient's clock.</summary>
    public static readonly TimeOnly EarliestAllowed = new(8, 0);

    /// <summary>The latest a call may start, on the patient's clock (exclusive).</summary>
    public static readonly TimeOnly LatestAllowed = new(21, 0);

    public const int MaxPerDayLimit = 10;
    public const int MaxPerWeekLimit = 30;

    public static CallingRules Default { get; } = new();

    public TimeOnly WindowStart { get; init; } = EarliestAllowed;

    public TimeOnly WindowEnd { get; init; } = LatestAllowed;

    /// <summary>Calls a day to one number for one campaign (the patient's calendar day).</summary>
    public int MaxPerDay { get; init; } = 1;

    /// <summary>Calls in any seven days to one number for one campaign.</summary>
    public int MaxPerWeek { get; init; } = 3;

    /// <summary>What is wrong with these rules, in words; null when they hold.</summary>
    public string? Check()
    {
        if (WindowStart < EarliestAllowed || WindowEnd > LatestAllowed)
        {
            return $"the calling window {WindowStart:HH\\:mm}-{WindowEnd:HH\\:mm} reaches outside {EarliestAllowed:HH\\:mm}-{LatestAllowed:HH\\:mm} on the patient's clock";
        }

        if (WindowEnd <= WindowStart)
        {
            return $"the calling window {WindowStart:HH\\:mm}-{WindowEnd:HH\\:mm} ends before it starts";
        }

        if (MaxPerDay < 1 || MaxPerDay > MaxPerDayLimit)
        {
            return $"calls a day is a whole number from 1 to {MaxPerDayLimit}, not {MaxPerDay}";
        }

        if (MaxPerWeek < MaxPerDay || MaxPerWeek > MaxPerWeekLimit)
        {
            return $"calls a week is a whole number from the calls a day ({MaxPerDay}) to {MaxPerWeekLimit}, not {MaxPerWeek}";
        }

        return null;
    }
}
