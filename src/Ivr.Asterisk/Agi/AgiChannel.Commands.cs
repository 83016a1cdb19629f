namespace Ivr.Asterisk.Agi;

/// <summary>The typed commands. Each throws <see cref="AgiHangupException"/> when the caller has gone.</summary>
public sealed partial class AgiChannel
{
    /// <summary>Answers the channel.</summary>
    public async Task AnswerAsync(CancellationToken cancellationToken = default)
    {
        var reply = await SendControlAsync(AgiCommands.Answer(), cancellationToken).ConfigureAwait(false);
        await ExpectNonNegativeAsync(AgiCommands.Answer().Verb, reply).ConfigureAwait(false);
    }

    /// <summary>Hangs the channel up. A channel that already hung up is left as it is.</summary>
    public async Task HangupAsync(CancellationToken cancellationToken = default)
    {
        if (IsHungUp)
        {
            return;
        }

        try
        {
            await SendControlAsync(AgiCommands.Hangup(), cancellationToken).ConfigureAwait(false);
        }
        catch (AgiHangupException)
        {
        }
    }

    /// <summary>Plays a sound file; returns early if the caller presses one of <paramref name="escapeDigits"/>.</summary>
    /// <exception cref="AgiCommandException">The file could not be played (missing, unreadable).</exception>
    public async Task<AgiPlaybackResult> StreamFileAsync(string file, string escapeDigits = "", CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.StreamFile(file, escapeDigits);
        var reply = await SendAsync(command, null, cancellationToken).ConfigureAwait(false);
        return new AgiPlaybackResult(await DigitOrNullAsync(command.Verb, reply).ConfigureAwait(false), reply.EndPosition);
    }

    /// <summary>Plays a prompt and collects up to <paramref name="maxDigits"/> digits, ended by # or a timeout.</summary>
    public async Task<AgiDigitsResult> GetDataAsync(string file, TimeSpan timeout, int maxDigits, CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.GetData(file, timeout, maxDigits);
        var reply = await SendAsync(command, null, cancellationToken).ConfigureAwait(false);
        await ExpectNonNegativeAsync(command.Verb, reply).ConfigureAwait(false);
        return new AgiDigitsResult(reply.Result, reply.Data == "timeout");
    }

    /// <summary>Waits for one digit; null when none came in time.</summary>
    public async Task<char?> WaitForDigitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.WaitForDigit(timeout);
        var reply = await SendAsync(command, null, cancellationToken).ConfigureAwait(false);
        return await DigitOrNullAsync(command.Verb, reply).ConfigureAwait(false);
    }

    /// <summary>Speaks digits one by one; returns the escape digit pressed, if any.</summary>
    public async Task<char?> SayDigitsAsync(string digits, string escapeDigits = "", CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.SayDigits(digits, escapeDigits);
        var reply = await SendAsync(command, null, cancellationToken).ConfigureAwait(false);
        return await DigitOrNullAsync(command.Verb, reply).ConfigureAwait(false);
    }

    /// <summary>Speaks a number; returns the escape digit pressed, if any.</summary>
    public async Task<char?> SayNumberAsync(long number, string escapeDigits = "", CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.SayNumber(number, escapeDigits);
        var reply = await SendAsync(command, null, cancellationToken).ConfigureAwait(false);
        return await DigitOrNullAsync(command.Verb, reply).ConfigureAwait(false);
    }

    /// <summary>Says a time (<c>SAY DATETIME</c>) in <paramref name="zone"/> with Asterisk's <paramref name="format"/>; returns the escape digit pressed, if any.</summary>
    public async Task<char?> SayDateTimeAsync(DateTimeOffset time, string escapeDigits, string format, string zone, CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.SayDateTime(time.ToUnixTimeSeconds(), escapeDigits, format, zone);
        var reply = await SendAsync(command, null, cancellationToken).ConfigureAwait(false);
        return await DigitOrNullAsync(command.Verb, reply).ConfigureAwait(false);
    }

    /// <summary>
    /// Records to <paramref name="file"/> (without extension) until an escape digit, silence, the maximum
    /// length, or a hangup. A hangup is reported in the result so the partial recording is kept.
    /// </summary>
    public async Task<AgiRecordResult> RecordFileAsync(
        string file,
        string format,
        string escapeDigits,
        TimeSpan maxDuration,
        bool beep = true,
        int? silenceSeconds = null,
        CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.RecordFile(file, format, escapeDigits, maxDuration, beep, silenceSeconds);
        var reply = await SendAsync(command, null, cancellationToken).ConfigureAwait(false);
        switch (reply.Data)
        {
            case "hangup":
                return new AgiRecordResult(AgiRecordEnd.Hangup, null, reply.EndPosition);
            case "dtmf" when reply.ResultNumber is > 0 and < 128:
                return new AgiRecordResult(AgiRecordEnd.Digit, (char)reply.ResultNumber.Value, reply.EndPosition);
            case "timeout":
                return new AgiRecordResult(AgiRecordEnd.TimeoutOrSilence, null, reply.EndPosition);
            default:
                if (reply.ResultNumber == -1 && await WaitForHangupAsync(_options.HangupGrace).ConfigureAwait(false))
                {
                    return new AgiRecordResult(AgiRecordEnd.Hangup, null, reply.EndPosition);
                }

                throw new AgiCommandException(command.Verb, reply, reply.Data ?? "recording failed");
        }
    }

    /// <summary>Sets a channel variable (works on a hung-up channel too).</summary>
    public async Task SetVariableAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.SetVariable(name, value);
        var reply = await SendControlAsync(command, cancellationToken).ConfigureAwait(false);
        ExpectSuccess(command.Verb, reply);
    }

    /// <summary>Reads a channel variable or function; null when it is not set.</summary>
    public async Task<string?> GetVariableAsync(string name, CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.GetVariable(name);
        var reply = await SendControlAsync(command, cancellationToken).ConfigureAwait(false);
        ExpectSuccess(command.Verb, reply);
        return reply.Result == "1" ? reply.Data ?? string.Empty : null;
    }

    /// <summary>Evaluates an expression such as <c>${CALLERID(num)}</c>; null when the channel is not found.</summary>
    public async Task<string?> GetFullVariableAsync(string expression, string? channel = null, CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.GetFullVariable(expression, channel);
        var reply = await SendControlAsync(command, cancellationToken).ConfigureAwait(false);
        ExpectSuccess(command.Verb, reply);
        return reply.Result == "1" ? reply.Data ?? string.Empty : null;
    }

    /// <summary>
    /// Runs a dialplan application and returns its result. Applications can run for a long time
    /// (ConfBridge for a whole conversation), so only <paramref name="cancellationToken"/> bounds it.
    /// </summary>
    /// <exception cref="AgiCommandException">The application does not exist (result -2).</exception>
    public async Task<long> ExecAsync(string application, string options = "", CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.Exec(application, options);
        var reply = await SendAsync(command, null, cancellationToken).ConfigureAwait(false);
        ExpectSuccess(command.Verb, reply);
        if (reply.ResultNumber == -2)
        {
            throw new AgiCommandException(command.Verb, reply, $"application '{application}' not found");
        }

        return reply.ResultNumber ?? 0;
    }

    /// <summary>Writes a message to the Asterisk console at the given verbosity.</summary>
    public async Task VerboseAsync(string message, int level = 1, CancellationToken cancellationToken = default)
    {
        var command = AgiCommands.Verbose(message, level);
        ExpectSuccess(command.Verb, await SendControlAsync(command, cancellationToken).ConfigureAwait(false));
    }

    private Task<AgiReply> SendControlAsync(AgiCommand command, CancellationToken cancellationToken) =>
        SendAsync(command, _options.ControlCommandTimeout, cancellationToken);

    private static void ExpectSuccess(string verb, AgiReply reply)
    {
        if (!reply.IsSuccess)
        {
            throw new AgiCommandException(verb, reply, reply.Status == 510 ? "unknown command" : "invalid syntax");
        }
    }

    /// <summary>Result -1 means hangup or failure; the HANGUP notice that follows a hangup tells them apart.</summary>
    private async Task ExpectNonNegativeAsync(string verb, AgiReply reply)
    {
        ExpectSuccess(verb, reply);
        if (reply.ResultNumber == -1)
        {
            if (await WaitForHangupAsync(_options.HangupGrace).ConfigureAwait(false))
            {
                throw new AgiHangupException(verb, HangupToken);
            }

            throw new AgiCommandException(verb, reply, "result -1");
        }
    }

    private async Task<char?> DigitOrNullAsync(string verb, AgiReply reply)
    {
        await ExpectNonNegativeAsync(verb, reply).ConfigureAwait(false);
        return reply.ResultNumber is > 0 and < 128 ? (char)reply.ResultNumber.Value : null;
    }
}
