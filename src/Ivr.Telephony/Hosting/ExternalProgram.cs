using System.ComponentModel;
using System.Diagnostics;

namespace Ivr.Telephony.Hosting;

/// <summary>
/// Runs a program the service leans on (flite and sox for greetings, Graphviz's dot for the flow
/// diagram): arguments as a list, never through a shell; optional standard input; a deadline after
/// which it is killed. What it printed and its exit code are the caller's to judge.
/// </summary>
public static class ExternalProgram
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>The first line of what it wrote to standard error, for a message.</summary>
        public string FirstErrorLine => Error.Trim().Split('\n')[0];
    }

    /// <exception cref="ExternalProgramException">It could not start (not installed) or ran past <paramref name="timeout"/> and was killed.</exception>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string? input, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = input is not null, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ExternalProgramException($"'{program}' did not start.", timedOut: false);
        }
        catch (Win32Exception exception)
        {
            throw new ExternalProgramException($"'{program}' could not run: {exception.Message}", timedOut: false, exception);
        }

        using (process)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(timeout);
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                if (input is not null)
                {
                    try
                    {
                        await process.StandardInput.WriteAsync(input.AsMemory(), deadline.Token).ConfigureAwait(false);
                        process.StandardInput.Close();
                    }
                    catch (IOException)
                    {
                        // It stopped reading early; its exit code and error say why.
                    }
                }

                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
                return new Result(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new ExternalProgramException($"'{program}' took longer than {timeout.TotalSeconds:0} s.", timedOut: true);
            }
        }
    }
}

/// <summary>An external program could not start, or ran past its deadline (<see cref="TimedOut"/>).</summary>
public sealed class ExternalProgramException(string message, bool timedOut, Exception? inner = null) : Exception(message, inner)
{
    public bool TimedOut { get; } = timedOut;
}
