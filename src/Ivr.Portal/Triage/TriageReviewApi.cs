using Ivr.Portal.Accounts;
using Ivr.Portal.Security;

namespace Ivr.Portal.Triage;

/// <summary>
/// <c>/api/triage/reviews</c>: the physician's review list of nurses' downgrades, the page's rules in JSON. GET lists
/// what awaits review (<c>?practice=ID</c> for one practice); POST <c>/{id}</c> (antiforgery header) marks one
/// reviewed, and again answers who did first. 403 for users who do not review that practice, 404 for an unknown
/// triage, 409 for one that was no downgrade.
/// </summary>
public static class TriageReviewApi
{
    public static IEndpointRouteBuilder MapTriageReviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/triage/reviews").RequireAuthorization();
        api.MapGet("/", async (string? practice, HttpContext context, TriageReviewAccess access) =>
            await access.AwaitingAsync(context.Who(), string.IsNullOrWhiteSpace(practice) ? null : practice.Trim(), context.RequestAborted) is { } awaiting
                ? Results.Ok(new { reviews = awaiting.Select(TriageReviewJson.Of) })
                : Results.StatusCode(StatusCodes.Status403Forbidden));
        api.MapPost("/{id:long}", MarkAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    private static async Task<IResult> MarkAsync(long id, HttpContext context, TriageReviewAccess access)
    {
        var (status, record) = await access.MarkReviewedAsync(context.Who(), id, context.RequestAborted);
        return status switch
        {
            TriageReviewStatus.Reviewed or TriageReviewStatus.AlreadyReviewed => Results.Ok(new
            {
                id,
                reviewed = true,
                already = status == TriageReviewStatus.AlreadyReviewed,
                reviewedBy = record!.ReviewedBy,
                reviewedAt = record.ReviewedAt,
            }),
            TriageReviewStatus.NotNeeded => Results.Conflict(new { id, error = "this triage was not downgraded: there is nothing to review" }),
            TriageReviewStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }
}
