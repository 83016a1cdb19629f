namespace Ivr.Domain.Practices;

/// <summary>When the answering service answers a practice's calls.</summary>
public enum CoverageMode
{
    /// <summary>Outside business hours, on holidays and closures; in business hours the office takes the call and the service answers only if it does not.</summary>
    AfterHours,

    /// <summary>The office rings first in business hours; the service answers on no answer, busy, or every office line in use. Outside hours the service answers.</summary>
    Overflow,

    /// <summary>The service answers every call, at any hour.</summary>
    AlwaysOn,
}
