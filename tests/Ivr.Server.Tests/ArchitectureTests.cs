using System.Reflection;
using Ivr.Asterisk.Ami;
using Ivr.Data;
using Ivr.Domain.Flow;
using Ivr.Portal;
using Ivr.Telephony;

namespace Ivr.Server.Tests;

/// <summary>Needs nothing: the arrows of docs/architecture.md, read from what each compiled project really references.</summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "Ivr.Asterisk", ["Ivr.Domain", "Ivr.Data", "Ivr.Telephony", "Ivr.Portal", "ivr", "Stateless", "Microsoft.Data.Sqlite", "Npgsql", "Dapper", "Hl7.Fhir.Base", "Hl7.Fhir.R4"] },
        { "Ivr.Domain", ["Ivr.Asterisk", "Ivr.Data", "Ivr.Telephony", "Ivr.Portal", "ivr", "Microsoft.Data.Sqlite", "Npgsql", "Dapper", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc.Core", "Hl7.Fhir.Base", "Hl7.Fhir.R4"] },
        { "Ivr.Data", ["Ivr.Asterisk", "Ivr.Telephony", "Ivr.Portal", "ivr", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc.Core"] },
        { "Ivr.Telephony", ["Ivr.Portal", "ivr", "Microsoft.AspNetCore.Mvc.Core", "Microsoft.AspNetCore.Mvc.RazorPages"] },
        { "Ivr.Portal", ["Ivr.Asterisk", "Ivr.Telephony", "ivr"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void AProjectNeverReferencesWhatTheArchitectureForbidsIt(string project, string[] forbidden)
    {
        var references = Assemblies[project].GetReferencedAssemblies().Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

        Assert.Equal([], forbidden.Where(references.Contains).ToArray());
    }

    private static readonly Dictionary<string, Assembly> Assemblies = new Assembly[]
    {
        typeof(AmiClient).Assembly,
        typeof(CallFlow).Assembly,
        typeof(PhiProtector).Assembly,
        typeof(TelephonyServiceCollectionExtensions).Assembly,
        typeof(PortalServiceCollectionExtensions).Assembly,
    }.ToDictionary(a => a.GetName().Name!, StringComparer.Ordinal);
}
