using Ivr.Data;
using Ivr.Domain.Practices;
using Ivr.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ivr.Server.Cli;

/// <summary>The service's host for a one-shot command: same settings and stores as <c>ivr serve</c>, schema up to date, nothing started.</summary>
public static class CliHost
{
    public static async Task<IHost> OpenAsync(CliArguments arguments)
    {
        var host = IvrHost.Build(arguments.Settings);
        await host.Services.GetRequiredService<SqliteDatabase>().MigrateAsync();
        return host;
    }

    /// <summary>The practice named on the command line, or a clear error.</summary>
    public static async Task<Practice> PracticeAsync(IPracticeStore store, string practiceId) =>
        await store.GetAsync(practiceId) ?? throw new CommandLineException($"no practice '{practiceId}'; see ivr practice list.");

    public static string Actor(CliArguments arguments) => arguments.Option("--by") ?? $"cli:{Environment.UserName}";
}
