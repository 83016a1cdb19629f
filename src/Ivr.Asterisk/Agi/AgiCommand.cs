using System.Text;

namespace Ivr.Asterisk.Agi;

/// <summary>
/// One AGI command line. Arguments are quoted the way Asterisk's <c>parse_args</c> reads them,
/// and characters that would break the line framing are refused rather than sent.
/// </summary>
public sealed class AgiCommand
{
    /// <summary>Asterisk's command buffer (<c>AGI_BUF_LEN</c>); longer lines are cut by Asterisk.</summary>
    public const int MaxLineBytes = 8191;

    private AgiCommand(string verb, string line, bool deadCapable)
    {
        Verb = verb;
        Line = line;
        DeadCapable = deadCapable;
    }

    /// <summary>The command words, e.g. <c>STREAM FILE</c>.</summary>
    public string Verb { get; }

    /// <summary>The full line without its LF terminator.</summary>
    public string Line { get; }

    /// <summary>Whether Asterisk runs the command on a hung-up channel (otherwise it answers 511).</summary>
    public bool DeadCapable { get; }

    /// <summary>Builds a command from its verb and arguments.</summary>
    /// <exception cref="ArgumentException">An argument holds CR, LF or NUL, or the line is too long.</exception>
    public static AgiCommand Create(string verb, bool deadCapable, params string?[] arguments)
    {
        var builder = new StringBuilder(verb);
        foreach (var argument in arguments)
        {
            if (argument is null)
            {
                continue;
            }

            builder.Append(' ').Append(Quote(argument));
        }

        var line = builder.ToString();
        if (Encoding.UTF8.GetByteCount(line) > MaxLineBytes)
        {
            throw new ArgumentException($"The AGI command '{verb}' is longer than {MaxLineBytes} bytes.");
        }

        return new AgiCommand(verb, line, deadCapable);
    }

    /// <summary>Quotes one argument for <c>parse_args</c>: bare when safe, else in double quotes with <c>\</c> escapes.</summary>
    public static string Quote(string argument)
    {
        if (argument.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("An AGI argument may not contain CR, LF or NUL.", nameof(argument));
        }

        if (argument.Length > 0 && argument.AsSpan().IndexOfAny(" \t\"\\") < 0)
        {
            return argument;
        }

        var builder = new StringBuilder(argument.Length + 2).Append('"');
        foreach (var c in argument)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Verb;
}
