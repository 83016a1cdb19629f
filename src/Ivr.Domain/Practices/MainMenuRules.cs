namespace Ivr.Domain.Practices;

/// <summary>
/// The rules a practice's main menu obeys, shared by the practice file and the portal: the message choice is always
/// offered, each choice at most once, each key a different digit. Choices are written as in files
/// (<c>message</c>, <c>live-person</c>, <c>nurse</c>, <c>office-information</c>, <c>appointment</c>).
/// </summary>
public static class MainMenuRules
{
    private static readonly (MainMenuChoice Choice, string Name)[] Names =
    [
        (MainMenuChoice.Message, "message"),
        (MainMenuChoice.LivePerson, "live-person"),
        (MainMenuChoice.Nurse, "nurse"),
        (MainMenuChoice.OfficeInformation, "office-information"),
        (MainMenuChoice.Appointment, "appointment"),
    ];

    public static string Choices { get; } = string.Join(", ", Names.Select(n => n.Name));

    public static string Name(MainMenuChoice choice) => Names.First(n => n.Choice == choice).Name;

    public static bool TryParse(string? text, out MainMenuChoice choice)
    {
        foreach (var (c, name) in Names)
        {
            if (name == text)
            {
                choice = c;
                return true;
            }
        }

        choice = MainMenuChoice.Message;
        return false;
    }

    /// <summary>A key as written: one digit 0-9.</summary>
    public static string? Key(string text, out char key)
    {
        key = text.Length == 1 ? text[0] : '\0';
        return char.IsAsciiDigit(key) ? null : $"a menu key is one digit 0-9, not '{text}'";
    }

    /// <summary>What is wrong with the menu as a whole, or null.</summary>
    public static string? Check(IReadOnlyList<MainMenuOption> options)
    {
        if (options.FirstOrDefault(o => options.Count(x => x.Choice == o.Choice) > 1) is { } twice)
        {
            return $"the menu offers {Name(twice.Choice)} more than once";
        }

        if (options.FirstOrDefault(o => options.Count(x => x.Key == o.Key) > 1) is { } shared)
        {
            return $"key {shared.Key} is given to {string.Join(" and ", options.Where(o => o.Key == shared.Key).Select(o => Name(o.Choice)))}; each choice needs its own key";
        }

        return options.Any(o => o.Choice == MainMenuChoice.Message) ? null : "the menu must offer the message choice (message: 1): a caller can always leave a message";
    }

    /// <summary>The menu in a file's words: <c>message 1, live-person 2, office-information 4</c>.</summary>
    public static string Words(MainMenuSettings menu) => string.Join(", ", menu.Options.Select(o => $"{Name(o.Choice)} {o.Key}"));

    /// <summary>True when <paramref name="menu"/> is today's default (message 1, someone now 2, nurse 3).</summary>
    public static bool IsDefault(MainMenuSettings menu) => menu.Options.SequenceEqual(MainMenuSettings.Default.Options);
}
