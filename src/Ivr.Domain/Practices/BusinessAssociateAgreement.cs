using System.Globalization;

namespace Ivr.Domain.Practices;

/// <summary>
/// The record of a practice's signed business associate agreement (45 CFR 164.504(e)): the paper
/// itself stays with the service's operator. A practice without one is not answered for: its callers
/// hear the emergency instruction only (docs/baa.md). Recording a new one replaces it on the practice;
/// the practice's revisions keep the earlier ones.
/// </summary>
public sealed record BusinessAssociateAgreement
{
    /// <summary>The day the last side signed.</summary>
    public required DateOnly Signed { get; init; }

    /// <summary>Which text of the agreement was signed, e.g. <c>2026-1</c>.</summary>
    public required string Version { get; init; }

    public required AgreementSigner PracticeSigner { get; init; }

    public required AgreementSigner ServiceSigner { get; init; }

    /// <summary>Who entered the record (the command line's actor, or who imported the file); empty until stamped.</summary>
    public string RecordedBy { get; init; } = string.Empty;

    /// <summary>When the record was entered; meaningful once <see cref="RecordedBy"/> is set.</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>This record stamped with who entered it and when, unless it already says.</summary>
    public BusinessAssociateAgreement StampedBy(string recordedBy, DateTimeOffset recordedAt) =>
        RecordedBy.Length > 0 ? this : this with { RecordedBy = recordedBy, RecordedAt = recordedAt };

    /// <summary>One line for pages and the command line: <c>version 2026-1 signed 2026-11-02</c>.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture, $"version {Version} signed {Signed:yyyy-MM-dd}");
}
