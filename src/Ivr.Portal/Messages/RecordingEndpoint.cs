using System.Globalization;
using Ivr.Data;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Messages;

/// <summary>
/// A message's recording (or the caller's spoken name), decrypted into memory and streamed from
/// there: the plain audio never touches a disk. Range requests work, so the browser can seek.
/// </summary>
public static class RecordingEndpoint
{
    public const string Message = "recording";
    public const string Name = "name";

    public static string Url(long messageId, string part) => $"/messages/{messageId.ToString(CultureInfo.InvariantCulture)}/{part}";

    public static IEndpointRouteBuilder MapRecordings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/messages/{id:long}/{part:regex(^(recording|name)$)}", ServeAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> ServeAsync(long id, string part, HttpContext context, MessageAccess access, RecordingVault vault)
    {
        var lookup = await access.OpenAsync(context.Who(), id, part == Name ? "message.name-recording" : "message.recording", context.RequestAborted);
        // Another practice's message answers exactly as a missing one (the refusal is audited).
        var path = part == Name ? lookup.Message?.NameRecording : lookup.Message?.MessageRecording;
        if (path is null || !File.Exists(RecordingVault.SealedPath(path)))
        {
            return Results.NotFound();
        }

        var audio = await vault.OpenAsync(path, context.RequestAborted);
        return Results.File(audio, ContentType(path), enableRangeProcessing: true);
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".wav" => "audio/wav",
        ".gsm" => "audio/x-gsm",
        ".ulaw" or ".ul" => "audio/basic",
        _ => "application/octet-stream",
    };
}
