using System.Net;
using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Portal.Accounts;
using Ivr.Portal.Audit;
using Ivr.Portal.Calls;
using Ivr.Portal.Campaigns;
using Ivr.Portal.Desk;
using Ivr.Portal.Live;
using Ivr.Portal.Messages;
using Ivr.Portal.OnCall;
using Ivr.Portal.Prompts;
using Ivr.Portal.Reports;
using Ivr.Portal.Security;
using Ivr.Portal.Settings;
using Ivr.Portal.Triage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Portal;

/// <summary>
/// Registers the portal: accounts and cookie sign-in, antiforgery, the pages and the API, and HTTPS
/// on <see cref="PortalOptions.Address"/>:<see cref="PortalOptions.Port"/>. With the portal off the
/// accounts stay (the command line manages them) but nothing listens.
/// </summary>
public static class PortalServiceCollectionExtensions
{
    /// <summary>The sign-in cookie's name.</summary>
    public const string SessionCookie = "__Host-ivr-portal";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Portal");
        services.AddOptions<PortalOptions>().Bind(section).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton<IPasswordHasher<PortalUser>, PasswordHasher<PortalUser>>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<PortalAccounts>();
        services.AddSingleton<PortalSessions>();
        services.AddSecondFactors(builder.Configuration);
        services.AddSingleton<MessageAccess>();
        services.AddSingleton<CallAccess>();
        services.AddSingleton<OnCallAccess>();
        services.AddSingleton<ReportAccess>();
        services.AddSingleton<FlowDiagram>();
        services.AddSingleton<SettingsAccess>();
        services.AddSingleton<PromptAccess>();
        services.AddSingleton<LiveAccess>();
        // The desk's board comes from telephony when it runs in this host; without it DeskAccess says the desk is not running.
        services.AddSingleton<DeskAccess>();
        services.AddOptions<SoftphoneOptions>().Bind(builder.Configuration.GetSection("Softphone")).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton<SoftphoneAccess>();
        services.AddSingleton<TriageSessions>();
        services.AddSingleton<TriageAccess>();
        services.AddSingleton<TriageReviewAccess>();
        services.AddSingleton<TriageRecordAccess>();
        services.AddSingleton<AuditAccess>();
        services.AddSingleton<PatientLinkAccess>();
        // The preview's speech comes from telephony when it runs in this host; without it the campaign page says the preview is unavailable.
        services.AddSingleton<CampaignAccess>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditOrigin, HttpAuditOrigin>();

        var options = section.Get<PortalOptions>() ?? new PortalOptions();
        if (!options.Enabled)
        {
            services.AddSingleton<IServer, NoListenerServer>();
            return builder;
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var portal = kestrel.ApplicationServices.GetRequiredService<IOptions<PortalOptions>>().Value;
            var certificate = PortalCertificate.LoadOrCreate(portal, kestrel.ApplicationServices.GetRequiredService<TimeProvider>());
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(portal.Address), portal.Port, listen => listen.UseHttps(certificate));
        });

        AddCookieKeys(services, options);
        services.AddScoped<PortalCookieEvents>();
        services.AddAuthentication(PortalClaims.Scheme).AddCookie(PortalClaims.Scheme, cookie =>
        {
            // __Host-: the browser keeps it only if Secure, with Path=/ and no Domain, so no other host can set or shadow it.
            cookie.Cookie.Name = SessionCookie;
            cookie.Cookie.Path = "/";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            // Lax, not Strict: a link from a notice email must open the message for someone signed in.
            // Cross-site posts carry no cookie either way, and forms and API calls need the antiforgery token.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = options.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.EventsType = typeof(PortalCookieEvents);
        });
        // Secure by default: every page and endpoint needs a signed-in user unless it says otherwise.
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AntiforgeryHeaderFilter.HeaderName;
            antiforgery.Cookie.Name = "__Host-ivr-portal-af";
            antiforgery.Cookie.Path = "/";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        // HSTS for a year; loopback names (localhost, 127.0.0.1, ::1) keep the default exclusion: browsers ignore it
        // for IP addresses anyway, and pinning "localhost" to HTTPS would break every other local tool.
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        services.AddSignInRateLimits(options);
        services.AddRazorPages().AddApplicationPart(typeof(PortalServiceCollectionExtensions).Assembly);
        services.ConfigureHttpJsonOptions(json => IvrJson.Configure(json.SerializerOptions));
        return builder;
    }

    /// <summary>
    /// Cookie-signing keys live in a folder (owner-only) so sign-ins survive a restart and several
    /// processes can share them, encrypted with the patient-data key.
    /// </summary>
    private static void AddCookieKeys(IServiceCollection services, PortalOptions options)
    {
        var folder = Path.GetFullPath(options.KeysDirectory);
        services.AddDataProtection().SetApplicationName("ivr-portal").PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.AddOptions<KeyManagementOptions>().Configure<PhiProtector>((keys, protector) =>
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            keys.XmlEncryptor = new PhiXmlEncryptor(protector);
        });
    }
}
