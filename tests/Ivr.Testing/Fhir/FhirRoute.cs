namespace Ivr.Testing.Fhir;

/// <summary>The endpoints of the <see cref="FhirDouble"/>, for faults set on one of them.</summary>
public enum FhirRoute
{
    /// <summary><c>GET /metadata</c>.</summary>
    Metadata,

    /// <summary><c>GET /.well-known/smart-configuration</c>.</summary>
    SmartConfiguration,

    /// <summary><c>POST</c> to the token URL.</summary>
    Token,

    /// <summary><c>GET /{type}/{id}</c> of any kept resource.</summary>
    Read,

    /// <summary><c>GET /Slot?...</c>.</summary>
    SearchSlots,

    /// <summary><c>GET /Patient?...</c>.</summary>
    SearchPatients,

    /// <summary><c>PUT /Slot/{id}</c>.</summary>
    UpdateSlot,

    /// <summary><c>POST /Appointment</c>.</summary>
    CreateAppointment,

    /// <summary><c>PUT /Appointment/{id}</c>.</summary>
    UpdateAppointment,

    /// <summary><c>POST /Communication</c>.</summary>
    CreateCommunication,

    /// <summary><c>POST /Task</c>.</summary>
    CreateTask,

    /// <summary><c>POST /QuestionnaireResponse</c>.</summary>
    CreateQuestionnaireResponse,
}
