using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;
using Ivr.Telephony.Prompts;

namespace Ivr.Telephony.Calls;

/// <summary>
/// What every AGI-backed line does alike: where the prompts of <c>prompts/manifest.txt</c> live among
/// Asterisk's sounds, playing them, asking for a key, and the protocol's hangup turned into the domain's.
/// </summary>
public static class AgiPrompts
{
    /// <summary>The folder under Asterisk's sounds that scripts/prompts renders the manifest into.</summary>
    public const string Folder = "ivr";

    /// <summary>
    /// The manifest's sound for <paramref name="promptId"/>, as <c>scripts/prompts</c> installs it. A call's line asks
    /// its <see cref="PromptScope"/> instead, which plays the practice's or the shared recording where one is kept.
    /// </summary>
    public static string Sound(string promptId) => $"{Folder}/{promptId}";

    /// <summary>Plays the prompts in order as <paramref name="prompts"/> finds them, uninterruptible.</summary>
    public static Task PlayAsync(AgiChannel channel, PromptScope prompts, IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => Guard(async () =>
    {
        foreach (var prompt in promptIds)
        {
            await channel.StreamFileAsync(prompts.Sound(prompt), string.Empty, cancellationToken);
        }
    });

    /// <summary>Plays the prompts as <paramref name="prompts"/> finds them, any of <paramref name="keys"/> cutting them short, then waits up to <paramref name="timeout"/> for one; null when none came.</summary>
    public static async Task<char?> AskKeyAsync(AgiChannel channel, PromptScope prompts, IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        char? key = null;
        await Guard(async () =>
        {
            foreach (var prompt in promptIds)
            {
                if ((await channel.StreamFileAsync(prompts.Sound(prompt), keys, cancellationToken)).Digit is { } pressed)
                {
                    key = pressed;
                    return;
                }
            }

            key = await channel.WaitForDigitAsync(timeout, cancellationToken);
        });
        return key;
    }

    /// <summary>Runs AGI work, turning the protocol's hangup (or a dropped session) into <see cref="CallerHungUpException"/>.</summary>
    public static async Task Guard(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (AgiHangupException exception)
        {
            throw new CallerHungUpException(exception);
        }
        catch (AgiConnectionClosedException exception)
        {
            throw new CallerHungUpException(exception);
        }
    }
}
