namespace Ivr.Domain.Accounts;

/// <summary>The names roles go by on the command line, in the database and in the API.</summary>
public static class PortalRoles
{
    public const string Supervisor = "supervisor";
    public const string PracticeAdmin = "practice-admin";
    public const string Clinician = "clinician";
    public const string TelecomAdmin = "telecom-admin";
    public const string Operator = "operator";
    public const string Nurse = "nurse";

    public static IReadOnlyList<string> All { get; } = [Supervisor, PracticeAdmin, Clinician, TelecomAdmin, Operator, Nurse];

    public static string Name(PortalRole role) => role switch
    {
        PortalRole.Supervisor => Supervisor,
        PortalRole.PracticeAdmin => PracticeAdmin,
        PortalRole.Clinician => Clinician,
        PortalRole.Operator => Operator,
        PortalRole.Nurse => Nurse,
        _ => TelecomAdmin,
    };

    public static bool TryParse(string? name, out PortalRole role)
    {
        foreach (var candidate in Enum.GetValues<PortalRole>())
        {
            if (Name(candidate) == name)
            {
                role = candidate;
                return true;
            }
        }

        role = PortalRole.TelecomAdmin;
        return false;
    }
}
