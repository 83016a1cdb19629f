namespace Ivr.Domain.Accounts;

/// <summary>What a portal user may do; <see cref="PortalRoles"/> names them.</summary>
public enum PortalRole
{
    /// <summary>The answering service's supervisor: every practice.</summary>
    Supervisor,

    /// <summary>Staff of one practice: its messages, schedule and settings.</summary>
    PracticeAdmin,

    /// <summary>A physician or nurse of one practice, tied to the practice's clinician id.</summary>
    Clinician,

    /// <summary>Runs Asterisk and the service; sees no patient data.</summary>
    TelecomAdmin,

    /// <summary>Answers callers at the operator desk, for every practice; sees a caller only while on their call, no inbox.</summary>
    Operator,

    /// <summary>A triage nurse of the answering service: works the desk like an operator (calls transferred to the nurse line), for every practice, and triages the caller.</summary>
    Nurse,
}
