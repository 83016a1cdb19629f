namespace Ivr.Domain.Ehr;

/// <summary>The EHR could not answer now (down, slow, refused); the message says why without patient data.</summary>
public sealed class EhrUnavailableException : Exception
{
    public EhrUnavailableException(string message)
        : base(message)
    {
    }

    public EhrUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
