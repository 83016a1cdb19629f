namespace Ivr.Domain.Practices;

/// <summary>Who signed a business associate agreement for one side, e.g. "Dana Whitfield", "Practice Manager".</summary>
public sealed record AgreementSigner(string Name, string Title)
{
    /// <summary>"Name, Title", as the command line takes it and every page shows it.</summary>
    public override string ToString() => $"{Name}, {Title}";
}
