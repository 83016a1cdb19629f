namespace Ivr.Asterisk;

/// <summary>Severity of an <see cref="AsteriskDiagnostic"/>.</summary>
public enum AsteriskDiagnosticLevel
{
    /// <summary>Detail for tracing a problem.</summary>
    Debug,

    /// <summary>A normal but notable event.</summary>
    Information,

    /// <summary>Something went wrong and was recovered.</summary>
    Warning,

    /// <summary>Something went wrong and was not recovered.</summary>
    Error,
}
