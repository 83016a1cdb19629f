using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Portal;
using Ivr.Server.Hosting;
using Ivr.Server.Practices;
using Ivr.Telephony.Practices;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace Ivr.Server.Cli;

/// <summary>
/// The host of a one-shot command: the same settings as <c>ivr serve</c> (appsettings.json, environment,
/// <c>--Section:Key=value</c> words), logging to standard error, the data stores and the domain services
/// the commands use. No web server, no FastAGI or AMI, no portal; nothing is started.
/// </summary>
public static class CliHost
{
    public static async Task<IHost> OpenAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken = default)
    {
        var host = Build(settings);
        await host.Services.GetRequiredService<Database>().MigrateAsync(cancellationToken);
        return host;
    }

    public static IHost Build(IReadOnlyList<string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. settings],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(CliHost).Assembly.GetName().Name,
        });
        DataDirectory.Apply(builder.Configuration);
        // Standard output carries the command's results (JSON among them); every log line goes to standard error.
        var serilog = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog, dispose: true);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddIvrData(builder.Configuration);
        services.AddPractices(builder.Configuration);
        services.AddOptions<CallFlowOptions>().Bind(builder.Configuration.GetSection("CallFlow"));
        services.AddOptions<PortalOptions>().Bind(builder.Configuration.GetSection("Portal"));
        services.AddSingleton<IPasswordHasher<PortalUser>, PasswordHasher<PortalUser>>();
        services.AddSingleton<IAuditOrigin>(new CliAuditOrigin());
        services.AddSingleton<PortalAccounts>();
        return builder.Build();
    }

    /// <summary>The practice named on the command line, or a clear error.</summary>
    public static async Task<Practice> PracticeAsync(IPracticeStore store, string practiceId) =>
        await store.GetAsync(practiceId) ?? throw new CommandLineException($"no practice '{practiceId}'; see ivr practice list.");

    /// <summary>
    /// Who the audit log records for a change: <c>cli:USER</c>, or, where <c>--by</c> names who acts
    /// (a clinician acknowledging), both: <c>dr-1 (os user root)</c>. <c>--by</c> is a claim anyone can type;
    /// the operating-system user is what the machine vouches for.
    /// </summary>
    public static string Actor(string? by) => by is null ? Reader : $"{by} (os user {Environment.UserName})";

    /// <summary>Who a record shown to people names (an override's author): <c>--by</c>, or <c>cli:USER</c>.</summary>
    public static string Author(string? by) => by ?? Reader;

    /// <summary>Who the audit log records for a read from the command line: the operating-system user, whatever <c>--by</c> says.</summary>
    public static string Reader => $"cli:{Environment.UserName}";
}
