using System.Text;

namespace Ivr.Server.Cli;

/// <summary>
/// Reads a password: the first line of standard input when it is piped (scripts, <c>--password-stdin</c>),
/// or typed twice at the terminal without echo. Never from the command line, where <c>ps</c> and the
/// shell history would keep it.
/// </summary>
public static class PasswordInput
{
    public static string Read(TextReader input, TextWriter prompt)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return input.ReadLine()?.TrimEnd('\r') ?? throw new CommandLineException("no password on standard input.");
        }

        var first = ReadHidden("Password: ", prompt);
        var second = ReadHidden("Password again: ", prompt);
        return first == second ? first : throw new CommandLineException("the two passwords differ.");
    }

    private static string ReadHidden(string label, TextWriter prompt)
    {
        prompt.Write(label);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                prompt.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
