using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Ivr.Portal;

/// <summary>
/// The portal's stylesheet and its scripts (the idle sign-out, the live view's, the desk's, the triage screen's, a campaign page's, the desk's softphone and
/// the SIP library it imports, JsSIP, vendored by scripts/vendor-jssip), built into the binary: nothing to copy at deployment,
/// nothing from a CDN at run time, and no inline style the content security policy would have to allow.
/// </summary>
public static class PortalAssets
{
    private const string Script = "text/javascript; charset=utf-8";

    public static IEndpointRouteBuilder MapAssets(this IEndpointRouteBuilder app)
    {
        Map(app, "portal.css", "text/css; charset=utf-8");
        foreach (var script in new[] { "live.js", "desk.js", "triage.js", "idle.js", "softphone.js", "jssip.min.js", "campaign.js" })
        {
            Map(app, script, Script);
        }

        return app;
    }

    /// <summary>Serves the built-in asset <paramref name="name"/> at <c>/assets/{name}</c>, read once, cached by browsers for an hour.</summary>
    private static void Map(IEndpointRouteBuilder app, string name, string contentType)
    {
        var bytes = new Lazy<byte[]>(() => Read(name));
        app.MapGet("/assets/" + name, (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
            return Results.Bytes(bytes.Value, contentType);
        }).AllowAnonymous();
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(PortalAssets).Assembly.GetManifestResourceStream("Ivr.Portal.Assets." + name)
            ?? throw new InvalidOperationException($"The portal asset {name} is not built in.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
