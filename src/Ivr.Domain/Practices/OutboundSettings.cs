using System.Globalization;
using Ivr.Domain.Outbound;

namespace Ivr.Domain.Practices;

/// <summary>
/// What a practice allows its outbound campaigns (issue 16's one calling policy): the calling window and caps
/// (<see cref="CallingRules"/>), how a patient who has not confirmed is tried again (<see cref="RetryRules"/>) and
/// how many calls of one campaign may be up at once. Each campaign starts from these and may only be tighter
/// (<see cref="Looser"/>). Defaults: <see cref="CallingRules.Default"/>, <see cref="RetryRules.Default"/>, 4 calls.
/// </summary>
public sealed record OutboundSettings
{
    /// <summary>The fewest calls at once a practice may allow.</summary>
    public const int MinChannels = 1;

    /// <summary>The most calls at once a practice may allow (the dialler's default cap is 4).</summary>
    public const int MaxChannelsLimit = 10;

    /// <summary>The most calls to one patient a retry policy may allow.</summary>
    public const int MaxAttemptsLimit = 20;

    /// <summary>The shortest wait before a retry.</summary>
    public static readonly TimeSpan MinWait = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait before a retry.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(7);

    public static OutboundSettings Default { get; } = new();

    /// <summary>The calling window and the caps a day and a week; defaults to <see cref="CallingRules.Default"/>.</summary>
    public CallingRules Rules { get; init; } = CallingRules.Default;

    /// <summary>Attempts and the waits between them; defaults to <see cref="RetryRules.Default"/>.</summary>
    public RetryRules Retry { get; init; } = RetryRules.Default;

    /// <summary>Calls of one campaign at once, <see cref="MinChannels"/> to <see cref="MaxChannelsLimit"/>; defaults to 4.</summary>
    public int MaxChannels { get; init; } = 4;

    /// <summary>Whether every setting is its default (a practice file then leaves the section out).</summary>
    public bool IsDefault =>
        Rules == CallingRules.Default
        && MaxChannels == Default.MaxChannels
        && Retry.MaxAttempts == RetryRules.Default.MaxAttempts
        && Retry.Waits.SequenceEqual(RetryRules.Default.Waits);

    /// <summary>What is wrong with these settings, in words; null when they hold.</summary>
    public string? Check()
    {
        if (Rules.Check() is { } wrongRules)
        {
            return wrongRules;
        }

        if (MaxChannels is < MinChannels or > MaxChannelsLimit)
        {
            return $"calls at once is a whole number from {MinChannels} to {MaxChannelsLimit}, not {MaxChannels}";
        }

        return CheckRetry(Retry);
    }

    /// <summary>What is wrong with a retry policy, in words; null when it holds.</summary>
    public static string? CheckRetry(RetryRules retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        if (retry.MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            return $"retry maxAttempts is a whole number from 1 to {MaxAttemptsLimit}, not {retry.MaxAttempts}";
        }

        if (retry.Waits.Count == 0)
        {
            return "retry waits name at least one wait, like 30m, 2h, 1d";
        }

        if (retry.Waits.FirstOrDefault(w => w < MinWait || w > MaxWait) is var wrong && wrong != default)
        {
            return $"a retry wait of {Wait(wrong)} is outside {Wait(MinWait)} to {Wait(MaxWait)}";
        }

        return null;
    }

    /// <summary>
    /// Why a campaign's <paramref name="rules"/> and <paramref name="channels"/> are looser than this practice allows
    /// (a wider window, more calls a day or a week, more calls at once), in words; null when they are as tight or tighter.
    /// </summary>
    public string? Looser(CallingRules rules, int channels)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.WindowStart < Rules.WindowStart || rules.WindowEnd > Rules.WindowEnd)
        {
            return $"the calling window {Time(rules.WindowStart)}-{Time(rules.WindowEnd)} is wider than the practice's {Time(Rules.WindowStart)}-{Time(Rules.WindowEnd)}";
        }

        if (rules.MaxPerDay > Rules.MaxPerDay)
        {
            return $"{rules.MaxPerDay} calls a day is more than the practice's {Rules.MaxPerDay}";
        }

        if (rules.MaxPerWeek > Rules.MaxPerWeek)
        {
            return $"{rules.MaxPerWeek} calls a week is more than the practice's {Rules.MaxPerWeek}";
        }

        if (channels > MaxChannels)
        {
            return $"{channels} calls at once is more than the practice's {MaxChannels}";
        }

        return null;
    }

    /// <summary>The settings in words, for the portal: window, caps, calls at once and retries.</summary>
    public string Words() => string.Create(
        CultureInfo.InvariantCulture,
        $"calls {Time(Rules.WindowStart)}-{Time(Rules.WindowEnd)} on the patient's clock, at most {Rules.MaxPerDay} a day and {Rules.MaxPerWeek} a week to one number for one campaign, {MaxChannels} at once; up to {Retry.MaxAttempts} calls to a patient, retried after {string.Join(", ", Retry.Waits.Select(Wait))}");

    /// <summary>A wait as the practice file writes it: <c>30m</c>, <c>2h</c>, <c>1d</c> (the largest whole unit).</summary>
    public static string Wait(TimeSpan wait) =>
        wait.Ticks % TimeSpan.TicksPerDay == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)wait.TotalDays}d")
        : wait.Ticks % TimeSpan.TicksPerHour == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)wait.TotalHours}h")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)wait.TotalMinutes}m");

    /// <summary>Reads a wait written <c>30m</c>, <c>2h</c> or <c>1d</c>; false for anything else.</summary>
    public static bool TryWait(string? text, out TimeSpan wait)
    {
        wait = default;
        var t = (text ?? string.Empty).Trim();
        if (t.Length < 2 || !int.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        TimeSpan? value = t[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
        wait = value ?? default;
        return value is not null;
    }

    private static string Time(TimeOnly time) => time.ToString("HH\\:mm", CultureInfo.InvariantCulture);
}
