namespace Ivr.Asterisk.Ami;

/// <summary>Asterisk answered <c>Response: Error</c> where the caller needed success.</summary>
public sealed class AmiActionFailedException : AmiException
{
    /// <summary>Creates the exception.</summary>
    public AmiActionFailedException(string action, AmiMessage response)
        : base($"AMI action {action} failed: {response["Message"] ?? response.Name}")
    {
        Response = response;
    }

    /// <summary>The error response.</summary>
    public AmiMessage Response { get; }
}
