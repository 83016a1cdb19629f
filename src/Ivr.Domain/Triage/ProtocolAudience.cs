namespace Ivr.Domain.Triage;

/// <summary>Who a protocol is written for.</summary>
public enum ProtocolAudience
{
    Adult,
    Pediatric,
}
