namespace Ivr.Domain.Flow;

/// <summary>Greeting and menus.</summary>
public sealed partial class CallFlow
{
    private async Task<CallTrigger> GreetAsync(CancellationToken cancellationToken)
    {
        await _channel.AnswerAsync(cancellationToken).ConfigureAwait(false);
        await _dependencies.CallRecords.MarkAnsweredAsync(_session.CallId, _dependencies.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);

        // The emergency instruction is part of the first thing every caller hears, never skippable.
        await DecideAsync("greeting", $"{_session.Practice.GreetingPromptId} for {_session.Practice.Id}").ConfigureAwait(false);
        await _channel.PlayAsync([_session.Practice.GreetingPromptId, PromptIds.Emergency], cancellationToken).ConfigureAwait(false);
        Path(_dependencies.Time.GetUtcNow(), "heard the greeting and the emergency instruction");
        return CallTrigger.Continue;
    }

    private async Task<CallTrigger> MainMenuAsync(CancellationToken cancellationToken)
    {
        var trigger = await MenuWithThirdAsync("main-menu", _session.Practice.Desk.NurseOption, PromptIds.MainMenuNurse, PromptIds.MainMenu, cancellationToken).ConfigureAwait(false);
        if (trigger == CallTrigger.Key2)
        {
            Path(_dependencies.Time.GetUtcNow(), "pressed 2: speak with someone now");
            await ChooseLivePersonAsync().ConfigureAwait(false);
        }
        else if (trigger == CallTrigger.Key3)
        {
            Path(_dependencies.Time.GetUtcNow(), "pressed 3: speak with a nurse");
            if (!await ChooseNurseAsync(cancellationToken).ConfigureAwait(false))
            {
                // No nurse at the desk: the caller goes where "someone now" goes.
                return CallTrigger.Key2;
            }
        }

        return trigger;
    }

    private Task<CallTrigger> SomeoneNowMenuAsync(CancellationToken cancellationToken) =>
        MenuAsync("someone-now", PromptIds.SomeoneNowMenu, "12", key => key == '1' ? CallTrigger.Key1 : CallTrigger.Key2, cancellationToken);

    /// <summary>A menu of keys 1 and 2, and 3 when <paramref name="third"/> (each with its own prompt): Key1, Key2 or Key3.</summary>
    private Task<CallTrigger> MenuWithThirdAsync(string menu, bool third, string withThird, string withoutThird, CancellationToken cancellationToken) =>
        MenuAsync(
            menu,
            third ? withThird : withoutThird,
            third ? "123" : "12",
            key => key switch { '1' => CallTrigger.Key1, '2' => CallTrigger.Key2, _ => CallTrigger.Key3 },
            cancellationToken);

    /// <summary>Offers a menu once; the transitions decide whether it is offered again.</summary>
    private async Task<CallTrigger> MenuAsync(string menu, string promptId, string keys, Func<char, CallTrigger> choose, CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var key = await _channel.AskKeyAsync([promptId], "0123456789*#", Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            await DecideAsync(menu, $"no input (attempt {_session.Attempts} of {Options.MenuAttempts})").ConfigureAwait(false);
            return CallTrigger.NoInput;
        }

        if (!keys.Contains(key.Value, StringComparison.Ordinal))
        {
            // Which wrong key is not recorded: keys are the caller's input.
            await DecideAsync(menu, $"invalid key (attempt {_session.Attempts} of {Options.MenuAttempts})").ConfigureAwait(false);
            await _channel.PlayAsync([PromptIds.InvalidChoice], cancellationToken).ConfigureAwait(false);
            return CallTrigger.InvalidKey;
        }

        var trigger = choose(key.Value);
        await DecideAsync(menu, $"chose {trigger}").ConfigureAwait(false);
        return trigger;
    }

    private Task DecideAsync(string name, string why) => _timeline.DecisionAsync(name, why, CancellationToken.None);
}
