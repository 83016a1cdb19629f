using System.Text.Json;
using Ivr.Domain.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace Ivr.Portal.Accounts;

/// <summary>
/// The passkey ceremonies behind the second-factor and enrolment pages, and their script. Each call
/// needs the page's antiforgery token; the options the server sent are kept on the server and the
/// browser's answer is checked against them.
/// </summary>
public static class SecondFactorApi
{
    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = typeof(SecondFactorApi).Assembly.GetManifestResourceStream("Ivr.Portal.Assets.second-factor.js")
            ?? throw new InvalidOperationException("The portal asset second-factor.js is not built in.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IServiceCollection AddSecondFactors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecondFactorOptions>().Bind(configuration.GetSection("Portal:SecondFactor"));
        services.AddSingleton<PendingSignIns>();
        services.AddSingleton<EnrolmentDrafts>();
        services.AddSingleton<TotpVerifier>();
        services.AddSingleton<SecondFactorService>();
        return services;
    }

    public static IEndpointRouteBuilder MapSecondFactorApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/second-factor.js", (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
            return Results.Bytes(Script.Value, "text/javascript; charset=utf-8");
        }).AllowAnonymous();
        app.MapPost("/api/second-factor/passkey/assertion-options", AssertionOptionsAsync).AllowAnonymous();
        app.MapPost("/api/second-factor/passkey/assertion", AssertionAsync).AllowAnonymous();
        app.MapPost("/api/second-factor/passkey/registration-options", RegistrationOptionsAsync).AllowAnonymous();
        app.MapPost("/api/second-factor/passkey/registration", RegistrationAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> AssertionOptionsAsync(HttpContext context, IAntiforgery antiforgery, SecondFactorService factors)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        var who = await SecondFactorUser.ResolveAsync(context, SecondFactorStep.Verify, context.RequestAborted);
        if (who?.Pending is not { } pending)
        {
            return Results.Unauthorized();
        }

        var options = await factors.PasskeyAssertionOptionsAsync(who.User, context.RequestAborted);
        if (options is null)
        {
            return Results.NotFound();
        }

        pending.PasskeyOptions = options;
        return Results.Text(options, "application/json");
    }

    private static async Task<IResult> AssertionAsync(HttpContext context, IAntiforgery antiforgery, SecondFactorService factors, PendingSignIns pendingSignIns, PortalSessions sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        var who = await SecondFactorUser.ResolveAsync(context, SecondFactorStep.Verify, context.RequestAborted);
        if (who?.Pending is not { PasskeyOptions: { } options } pending)
        {
            return Results.Unauthorized();
        }

        pending.PasskeyOptions = null;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (!await factors.VerifyPasskeyAsync(who.User, options, body, factors.OriginOf(context), context.RequestAborted))
        {
            pendingSignIns.Fail(context, pending);
            return Results.Problem(title: "The passkey was not accepted.", statusCode: StatusCodes.Status401Unauthorized);
        }

        pendingSignIns.End(context);
        await sessions.StartSessionAsync(context, who.User);
        return Results.Ok(new { next = SecondFactorUser.Next(pending.ReturnUrl, who.User.Role) });
    }

    private static async Task<IResult> RegistrationOptionsAsync(HttpContext context, IAntiforgery antiforgery, SecondFactorService factors, EnrolmentDrafts drafts)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        if (await SecondFactorUser.ResolveAsync(context, SecondFactorStep.Enrol, context.RequestAborted) is not { } who)
        {
            return Results.Unauthorized();
        }

        var options = await factors.PasskeyRegistrationOptionsAsync(who.User, context.RequestAborted);
        drafts.SetPasskeyOptions(who.User.Id, options);
        return Results.Text(options, "application/json");
    }

    private static async Task<IResult> RegistrationAsync(HttpContext context, IAntiforgery antiforgery, SecondFactorService factors, EnrolmentDrafts drafts, PendingSignIns pendingSignIns, PortalSessions sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        if (await SecondFactorUser.ResolveAsync(context, SecondFactorStep.Enrol, context.RequestAborted) is not { } who || drafts.PasskeyOptions(who.User.Id) is not { } options)
        {
            return Results.Unauthorized();
        }

        string credential;
        string? name;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            credential = body.RootElement.GetProperty("credential").GetRawText();
            name = body.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Results.BadRequest();
        }

        var (registered, codes) = await factors.RegisterPasskeyAsync(who.User, options, credential, name, factors.OriginOf(context), context.RequestAborted);
        drafts.SetPasskeyOptions(who.User.Id, null);
        if (!registered)
        {
            return Results.Problem(title: "The passkey was not accepted.", statusCode: StatusCodes.Status400BadRequest);
        }

        var next = "/account/second-factor";
        if (who.Pending is { } pending)
        {
            pendingSignIns.End(context);
            drafts.End(who.User.Id);
            await sessions.StartSessionAsync(context, who.User);
            next = SecondFactorUser.Next(pending.ReturnUrl, who.User.Role);
        }

        return Results.Ok(new { next, recoveryCodes = codes ?? [] });
    }
}
