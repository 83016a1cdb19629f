namespace Ivr.Domain.Practices;

/// <summary>What a member of a practice does.</summary>
public enum ClinicianRole
{
    Physician,
    Nurse,
    PracticeAdmin,
}
