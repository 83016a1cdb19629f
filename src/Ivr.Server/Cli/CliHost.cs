using Ivr.Data;
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

    public static string Actor(CliArguments arguments) => arguments.Option("--by") ?? $"cli:{Environment.UserName}";
}
