namespace Ivr.Portal.Triage;

/// <summary>
/// The body of the triage API's steps. <c>callRecordId</c> names the call (a nurse's is their desk call when
/// left out); each step reads only its own fields: <c>protocolId</c>; <c>yes</c>; <c>disposition</c> and
/// <c>reason</c> (no disposition undoes the override); <c>note</c>; and to finish the patient fields of the
/// desk's message form.
/// </summary>
public sealed record TriageRequestJson(
    long? CallRecordId = null,
    string? ProtocolId = null,
    bool? Yes = null,
    string? Disposition = null,
    string? Reason = null,
    string? Note = null,
    string? CallerName = null,
    string? PatientName = null,
    string? DateOfBirth = null,
    string? CallbackNumber = null,
    bool? CallbackReadBack = null);
