using Ivr.Domain.Practices;

namespace Ivr.Testing;

/// <summary>
/// A signed business associate agreement for test practices: without one a practice's calls get the
/// emergency instruction only, so every practice a test makes carries this unless the test is about its absence.
/// </summary>
public static class TestAgreements
{
    public static BusinessAssociateAgreement Signed { get; } = new()
    {
        Signed = new DateOnly(2026, 1, 5),
        Version = "test-1",
        PracticeSigner = new AgreementSigner("Dana Whitfield", "Practice Manager"),
        ServiceSigner = new AgreementSigner("Morgan Reyes", "Operations Director"),
        RecordedBy = "test",
        RecordedAt = new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero),
    };

    /// <summary>The same as a practice file's <c>agreement</c> key, one line.</summary>
    public const string Yaml = """agreement: { signed: 2026-01-05, version: "test-1", practiceSigner: { name: "Dana Whitfield", title: "Practice Manager" }, serviceSigner: { name: "Morgan Reyes", title: "Operations Director" } }""";
}
