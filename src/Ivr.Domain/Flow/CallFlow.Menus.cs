using Ivr.Domain.Practices;

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

    /// <summary>
    /// The practice's main menu: today's single prompt for the default menu (message 1, someone now 2, the nurse 3),
    /// otherwise each offered choice's words then "press N", in the practice's order. A key not offered is invalid.
    /// </summary>
    private async Task<CallTrigger> MainMenuAsync(CancellationToken cancellationToken)
    {
        var menu = _session.Practice.Menu;
        CallTrigger trigger;
        char? key = null;
        if (MainMenuRules.IsDefault(menu))
        {
            trigger = await MenuWithThirdAsync("main-menu", _session.Practice.Desk.NurseOption, PromptIds.MainMenuNurse, PromptIds.MainMenu, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var offered = menu.Options.Where(Offered).ToArray();
            trigger = await MenuAsync(
                "main-menu",
                offered.SelectMany(o => new[] { ChoicePrompt(o.Choice), PromptIds.Press(o.Key) }).ToArray(),
                new string(offered.Select(o => o.Key).ToArray()),
                pressed =>
                {
                    key = pressed;
                    return TriggerOf(offered.First(o => o.Key == pressed).Choice);
                },
                cancellationToken).ConfigureAwait(false);
        }

        if (trigger == CallTrigger.Key2)
        {
            Path(_dependencies.Time.GetUtcNow(), $"pressed {key ?? '2'}: speak with someone now");
            await ChooseLivePersonAsync().ConfigureAwait(false);
        }
        else if (trigger == CallTrigger.Key3)
        {
            Path(_dependencies.Time.GetUtcNow(), $"pressed {key ?? '3'}: speak with a nurse");
            if (!await ChooseNurseAsync(cancellationToken).ConfigureAwait(false))
            {
                // No nurse at the desk: the caller goes where "someone now" goes.
                trigger = CallTrigger.Key2;
            }
        }
        else if (trigger == CallTrigger.OfficeInformation)
        {
            Path(_dependencies.Time.GetUtcNow(), $"pressed {key}: office information");
        }
        else if (trigger == CallTrigger.Appointment)
        {
            Path(_dependencies.Time.GetUtcNow(), $"pressed {key}: request an appointment");
        }

        return trigger is CallTrigger.Key2 or CallTrigger.Key3 && _session.DeskAt is not null ? CallTrigger.OtherDesk : trigger;
    }

    /// <summary>
    /// Whether a choice of the practice's menu is said now: the nurse only when the desk offers nurses; the office
    /// information while there is something to say and the caller has not heard it <see cref="OfficeInformation.MaxPerCall"/>
    /// times; the appointment request only where the flow can take it.
    /// </summary>
    private bool Offered(MainMenuOption option) => option.Choice switch
    {
        MainMenuChoice.Nurse => _session.Practice.Desk.NurseOption,
        MainMenuChoice.OfficeInformation => _session.Practice.OfficeInformation is { HasAnything: true } && _session.OfficeInformationHeard < OfficeInformation.MaxPerCall,
        MainMenuChoice.Appointment => _machine.CanFire(CallTrigger.Appointment),
        _ => true,
    };

    private static string ChoicePrompt(MainMenuChoice choice) => choice switch
    {
        MainMenuChoice.Message => PromptIds.MenuMessage,
        MainMenuChoice.LivePerson => PromptIds.MenuLivePerson,
        MainMenuChoice.Nurse => PromptIds.MenuNurse,
        MainMenuChoice.OfficeInformation => PromptIds.MenuOfficeInformation,
        _ => PromptIds.MenuAppointment,
    };

    private static CallTrigger TriggerOf(MainMenuChoice choice) => choice switch
    {
        MainMenuChoice.Message => CallTrigger.Key1,
        MainMenuChoice.LivePerson => CallTrigger.Key2,
        MainMenuChoice.Nurse => CallTrigger.Key3,
        MainMenuChoice.OfficeInformation => CallTrigger.OfficeInformation,
        _ => CallTrigger.Appointment,
    };

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

    /// <summary>Offers a menu of one prompt once; the transitions decide whether it is offered again.</summary>
    private Task<CallTrigger> MenuAsync(string menu, string promptId, string keys, Func<char, CallTrigger> choose, CancellationToken cancellationToken) =>
        MenuAsync(menu, [promptId], keys, choose, cancellationToken);

    /// <summary>Offers a menu once; the transitions decide whether it is offered again.</summary>
    private async Task<CallTrigger> MenuAsync(string menu, IReadOnlyList<string> promptIds, string keys, Func<char, CallTrigger> choose, CancellationToken cancellationToken)
    {
        _session.Attempts++;
        var key = await _channel.AskKeyAsync(promptIds, "0123456789*#", Options.MenuTimeout, cancellationToken).ConfigureAwait(false);
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
