using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Ivr.Portal;

/// <summary>
/// The portal's stylesheet and its scripts (the idle sign-out, the live view's, the desk's, the desk's softphone and
/// the SIP library it imports, JsSIP, vendored by scripts/vendor-jssip), built into the binary: nothing to copy at deployment,
/// nothing from a CDN at run time, and no inline style the content security policy would have to allow.
/// </summary>
public static class PortalAssets
{
    private static readonly Lazy<byte[]> Stylesheet = new(() => Read("portal.css"));
    private static readonly Lazy<byte[]> LiveScript = new(() => Read("live.js"));
    private static readonly Lazy<byte[]> DeskScript = new(() => Read("desk.js"));
    private static readonly Lazy<byte[]> IdleScript = new(() => Read("idle.js"));
    private static readonly Lazy<byte[]> SoftphoneScript = new(() => Read("softphone.js"));
    private static readonly Lazy<byte[]> SipLibrary = new(() => Read("jssip.min.js"));

    public static IEndpointRouteBuilder MapAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/portal.css", (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
            return Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8");
        }).AllowAnonymous();
        app.MapGet("/assets/live.js", (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
            return Results.Bytes(LiveScript.Value, "text/javascript; charset=utf-8");
        }).AllowAnonymous();
        app.MapGet("/assets/desk.js", (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
            return Results.Bytes(DeskScript.Value, "text/javascript; charset=utf-8");
        }).AllowAnonymous();
        app.MapGet("/assets/idle.js", (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
            return Results.Bytes(IdleScript.Value, "text/javascript; charset=utf-8");
        }).AllowAnonymous();
        app.MapGet("/assets/softphone.js", (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
            return Results.Bytes(SoftphoneScript.Value, "text/javascript; charset=utf-8");
        }).AllowAnonymous();
        app.MapGet("/assets/jssip.min.js", (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
            return Results.Bytes(SipLibrary.Value, "text/javascript; charset=utf-8");
        }).AllowAnonymous();
        return app;
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
