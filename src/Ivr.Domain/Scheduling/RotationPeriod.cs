namespace Ivr.Domain.Scheduling;

/// <summary>How long each member of a rotation stays on call.</summary>
public enum RotationPeriod
{
    Daily,
    Weekly,
}
