namespace Ivr.Domain.Practices;

/// <summary>
/// The practice's main menu (practice file section <c>menu:</c>): which choices it offers, on which key, in the
/// order the caller hears them. The message choice is always offered.
/// </summary>
public sealed record MainMenuSettings
{
    /// <summary>Message on 1, someone now on 2, a nurse on 3 (heard only when the desk offers nurses).</summary>
    public static MainMenuSettings Default { get; } = new();

    /// <summary>The choices in the order they are said, each with its key.</summary>
    public IReadOnlyList<MainMenuOption> Options { get; init; } =
        [new(MainMenuChoice.Message, '1'), new(MainMenuChoice.LivePerson, '2'), new(MainMenuChoice.Nurse, '3')];

    /// <summary>The key of <paramref name="choice"/>, or null when the practice does not offer it.</summary>
    public char? KeyOf(MainMenuChoice choice) => Options.FirstOrDefault(o => o.Choice == choice)?.Key;
}

/// <summary>One choice of the main menu and its key.</summary>
/// <param name="Choice">What the key does.</param>
/// <param name="Key">A digit 0-9.</param>
public sealed record MainMenuOption(MainMenuChoice Choice, char Key);
