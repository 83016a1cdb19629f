namespace Ivr.Portal.Settings;

/// <summary>
/// A change of the practice's desk settings as typed (<see cref="SettingsRequest.Desk"/>): every value still
/// text, so a refused form comes back as it was sent. <see cref="AfterMaxHoldDoctor"/> null keeps what is stored.
/// </summary>
public sealed record DeskRequest(
    string LivePerson,
    IReadOnlyDictionary<DayOfWeek, IReadOnlyList<SettingsRequest.Interval>> OperatorHours,
    string MaxHoldSeconds,
    bool? AfterMaxHoldDoctor,
    string ServiceLevelPercent,
    string ServiceLevelSeconds,
    string Instructions,
    string OperatorGreeting)
{
    public const string LivePersonField = "desk.livePerson";
    public const string MaxHoldField = "desk.maxHoldSeconds";
    public const string PercentField = "desk.serviceLevel.percent";
    public const string SecondsField = "desk.serviceLevel.seconds";
    public const string InstructionsField = "desk.instructions";
    public const string GreetingField = "desk.operatorGreeting";

    public static string HoursField(DayOfWeek day) => "desk.operatorHours." + day.ToString().ToLowerInvariant();

    /// <summary>Instructions as stored: line breaks as <c>\n</c>, no blank edges.</summary>
    public static string NormalizeInstructions(string? text) => (text ?? string.Empty).ReplaceLineEndings("\n").Trim();
}
