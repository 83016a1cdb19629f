namespace Ivr.Testing.Fhir;

/// <summary>How a <see cref="FhirDouble"/> behaves where a real EHR would have its own policy.</summary>
public sealed class FhirDoubleOptions
{
    /// <summary>The clock for tokens' expiry, assertions' <c>exp</c>, <c>meta.lastUpdated</c> and timed slowness. Default: the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long an access token lasts (its <c>expires_in</c>). Default: 5 minutes.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The page size of a search that names no <c>_count</c>. Default: 10.</summary>
    public int PageSize { get; init; } = 10;
}
