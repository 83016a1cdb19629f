using Ivr.Portal.Accounts;
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
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Portal;

/// <summary>The portal's request pipeline and endpoints.</summary>
public static class PortalApplicationExtensions
{
    public static WebApplication UsePortal(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.Enabled)
        {
            return app;
        }

        app.Use(SecurityHeaders.ApplyAsync);
        app.UseHsts();
        app.UseRateLimiter();
        app.UsePortalRequestLog();
        app.UseExceptionHandler("/status/500");
        // Pages get a readable error page; the API and audio keep their bare status codes.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/assets"),
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseRouting();
        app.UseRequestRouteForLog();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapSessionApi();
        app.MapAccountApi();
        app.MapUsersApi();
        app.MapSecondFactorApi();
        app.MapMessageApi();
        app.MapCallApi();
        app.MapRecordings();
        app.MapOnCallApi();
        app.MapCalendarFeeds();
        app.MapReportApi();
        app.MapSettingsApi();
        app.MapPromptApi();
        app.MapLiveApi();
        app.MapDeskApi();
        app.MapTriageApi();
        app.MapTriageReviewApi();
        app.MapSoftphoneApi();
        app.MapCampaignApi();
        app.MapAssets();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            app.Logger.LogInformation("Portal listening on {Addresses}", string.Join(", ", addresses));
        });
        return app;
    }
}
