using Hl7.Fhir.Model;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;

namespace Ivr.Data.Fhir;

/// <summary>
/// A practice's EHR over FHIR R4 (docs/ehr.md): free Slots and bookings at <see cref="EhrLevel.Book"/>, proposed
/// Appointments at <see cref="EhrLevel.Propose"/>, Communications for everything else, each created on condition of
/// the message's identifier (<see cref="MessageSystem"/>) so a retry never makes a second resource. Tokens come from
/// <see cref="SmartTokenSource"/>; the <see cref="HttpClient"/> given sets the timeout. Nothing it logs or returns
/// carries patient data.
/// </summary>
public sealed partial class FhirEhrLink(IPracticeStore practices, HttpClient http, SmartTokenSource tokens, TimeProvider time, ITriageRecordStore? triage = null) : IEhrLink
{
    /// <summary>The identifier system of every resource made for a message; its value is the message's id.</summary>
    public const string MessageSystem = "urn:ivr:message";

    public async Task<IReadOnlyList<EhrSlot>> FreeSlotsAsync(string practiceId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken)
    {
        try
        {
            var link = await LinkAsync(practiceId, cancellationToken).ConfigureAwait(false);
            if (link.Settings.Level != EhrLevel.Book)
            {
                throw new FhirCallException(EhrOutcome.Refused, $"the practice's EHR level is {link.Settings.Level}, not Book");
            }

            return await SearchSlotsAsync(link, from, to, max, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirCallException failure)
        {
            throw new EhrUnavailableException(failure.Detail);
        }
    }

    public Task<EhrResult> BookAsync(string practiceId, EhrSlot slot, PatientMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(message);
        return BookAtLevelAsync(practiceId, link => BookSlotAsync(link, slot, message, cancellationToken), cancellationToken);
    }

    public Task<EhrResult> BookAsync(string practiceId, EhrSlot slot, EhrBooking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(booking);
        return BookAtLevelAsync(practiceId, link => BookSlotAsync(link, slot, booking, cancellationToken), cancellationToken);
    }

    public async Task<EhrResult> HandOffAsync(string practiceId, PatientMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var level = EhrLevel.None;
        try
        {
            var link = await LinkAsync(practiceId, cancellationToken).ConfigureAwait(false);
            level = link.Settings.Level;
            if (message.Appointment?.Booked is { } booked)
            {
                // Booked on the call: the EHR has it already.
                return new EhrResult(EhrOutcome.Done, EhrLevel.Book, booked.Reference, "booked on the call");
            }

            if (message.Appointment is not null && level >= EhrLevel.Propose)
            {
                var appointment = await ProposeAsync(link, message, cancellationToken).ConfigureAwait(false);
                return new EhrResult(EhrOutcome.Done, EhrLevel.Propose, appointment, "proposed");
            }

            var communication = await InformAsync(link, message, cancellationToken).ConfigureAwait(false);
            return new EhrResult(EhrOutcome.Done, EhrLevel.Inform, communication, "informed");
        }
        catch (FhirCallException failure)
        {
            return new EhrResult(failure.Outcome, level, null, failure.Detail);
        }
    }

    /// <summary>A booking, made only where the practice's level is <see cref="EhrLevel.Book"/>; a failed call is its outcome, never thrown.</summary>
    private async Task<EhrResult> BookAtLevelAsync(string practiceId, Func<Link, Task<EhrResult>> book, CancellationToken cancellationToken)
    {
        try
        {
            var link = await LinkAsync(practiceId, cancellationToken).ConfigureAwait(false);
            if (link.Settings.Level != EhrLevel.Book)
            {
                return new EhrResult(EhrOutcome.Refused, link.Settings.Level, null, $"the practice's EHR level is {link.Settings.Level}, not Book");
            }

            return await book(link).ConfigureAwait(false);
        }
        catch (FhirCallException failure)
        {
            return new EhrResult(failure.Outcome, EhrLevel.Book, null, failure.Detail);
        }
    }

    internal static Uri WithSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    /// <summary>https, or plain http to this machine only (a test EHR).</summary>
    internal static bool SafeScheme(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback);

    private async Task<Link> LinkAsync(string practiceId, CancellationToken cancellationToken)
    {
        var practice = await practices.GetAsync(practiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new FhirCallException(EhrOutcome.Refused, "no such practice");
        var settings = practice.Ehr;
        if (!settings.Linked || settings.BaseUrl is not { } baseUrl)
        {
            throw new FhirCallException(EhrOutcome.Refused, "the practice has no EHR link");
        }

        if (!SafeScheme(baseUrl) || (settings.TokenUrl is { } tokenUrl && !SafeScheme(tokenUrl)))
        {
            throw new FhirCallException(EhrOutcome.Refused, "the EHR link is not https");
        }

        return new Link(practice, settings, WithSlash(baseUrl));
    }

    /// <summary>A practice's link as one call uses it.</summary>
    private sealed record Link(Practice Practice, EhrSettings Settings, Uri BaseUrl)
    {
        public string PracticeId => Practice.Id;
    }

    /// <summary>The message's identifier on every resource made for it.</summary>
    private static Identifier MessageIdentifier(string value) => new(MessageSystem, value);
}
