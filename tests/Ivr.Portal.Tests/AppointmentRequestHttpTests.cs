using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Appointments;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Portal.Desk;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS, no browser, no Asterisk): appointment requests, a caller's
/// and an operator's, are a kind of their own in the inbox and the API, and their message page says all they hold.
/// </summary>
public sealed class AppointmentRequestHttpTests
{
    private const string Password = "correct horse battery";

    private static readonly DeskMessageForm DeskRequest = new(
        "Maria Gomez-canary", "Ava Gomez-canary", "2021-03-04", "(555) 987-6543", true, "Yearly check-up", Urgency.Routine, string.Empty, new DeskAppointmentForm("existing", "weekdays", "afternoon"));

    private static readonly AppointmentRequest PhoneRequest = new(null)
    {
        Source = AppointmentSource.Phone,
        Standing = PatientStanding.New,
        BirthDate = new DateOnly(1987, 6, 15),
        Days = PreferredDays.Tuesday | PreferredDays.Thursday,
        Time = PreferredTime.Morning,
        Booked = new BookedAppointment("Appointment/canary-77", new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(-5)), "Dr. Amy Lee"),
    };

    [Fact]
    public async Task TheInboxBadgesRequestsAndItsFilterListsOnlyThemWithoutPatientData()
    {
        await using var portal = await ArrangeAsync();
        var phone = await SeedPhoneRequestAsync(portal);
        var desk = await portal.SeedTypedMessageAsync(PracticeA, DeskRequest, "sam", minutesAfter: 1);
        var plain = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 2);
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var inbox = await client.GetStringAsync("/messages");
        var filtered = await client.GetStringAsync("/messages?kind=appointment");
        var api = await client.GetStringAsync("/api/messages?kind=appointment");

        Assert.Contains("Appointment request", Row(inbox, phone), StringComparison.Ordinal);
        Assert.Contains("Appointment request", Row(inbox, desk), StringComparison.Ordinal);
        Assert.DoesNotContain("Appointment request", Row(inbox, plain), StringComparison.Ordinal);
        Assert.Contains($"data-message-id=\"{phone}\"", filtered, StringComparison.Ordinal);
        Assert.Contains($"data-message-id=\"{desk}\"", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-message-id=\"{plain}\"", filtered, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(api).RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("id").GetInt64(), m => m.GetProperty("appointment"));
        Assert.Equal(new[] { phone, desk }.Order(), listed.Keys.Order());
        Assert.Equal(("phone", "new", "Tuesday, Thursday", "morning"), (listed[phone].GetProperty("source").GetString(), listed[phone].GetProperty("standing").GetString(), listed[phone].GetProperty("days").GetString(), listed[phone].GetProperty("time").GetString()));
        Assert.Equal(("desk", "weekdays"), (listed[desk].GetProperty("source").GetString(), listed[desk].GetProperty("days").GetString()));
        Assert.DoesNotContain("1987", api, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", api, StringComparison.Ordinal);
        Assert.DoesNotContain("1987", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMessagePageAndTheApiGiveTheRequestWholeAndTheReadIsAudited()
    {
        await using var portal = await ArrangeAsync();
        var phone = await SeedPhoneRequestAsync(portal);
        var desk = await portal.SeedTypedMessageAsync(PracticeA, DeskRequest, "sam", minutesAfter: 1);
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var page = await client.GetStringAsync($"/messages/{phone}");
        var deskPage = await client.GetStringAsync($"/messages/{desk}");
        var detail = (await client.GetFromJsonAsync<JsonElement>($"/api/messages/{phone}")).GetProperty("appointment");

        Assert.Contains("id=\"appointment-badge\">Appointment request<", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"appointment-source\">by the caller, on the phone</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"appointment-standing\">new to the practice</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"appointment-birth-date\">1987-06-15</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"appointment-preferred\">Tuesday, Thursday, mornings</dd>", page, StringComparison.Ordinal);
        Assert.Contains("with Dr. Amy Lee (Appointment/canary-77)", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"appointment-standing\">seen at the practice before</dd>", deskPage, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"appointment-preferred\">weekdays, afternoons</dd>", deskPage, StringComparison.Ordinal);
        Assert.Contains("not booked: the office arranges the time", deskPage, StringComparison.Ordinal);
        Assert.Equal("1987-06-15", detail.GetProperty("birthDate").GetString());
        Assert.Equal("Appointment/canary-77", detail.GetProperty("booked").GetProperty("reference").GetString());
        Assert.Equal("routine", detail.GetProperty("window").GetString());
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        Assert.Contains(audit, e => e.Action == "message.view" && e.SubjectId == phone.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TheDesksAppointmentKindMakesTheFormARequestAndAnyOtherKindAMessage()
    {
        var json = new DeskMessageJson("Maria", "Ava", "2021-03-04", "5559876543", true, "check-up", "routine", null, "appointment", "new", "monday", "morning");

        Assert.Equal(new DeskAppointmentForm("new", "monday", "morning"), json.ToForm(out _)!.Appointment);
        Assert.Null((json with { Kind = "message" }).ToForm(out _)!.Appointment);
        Assert.Null((json with { Kind = null }).ToForm(out _)!.Appointment);
    }

    private static async Task<long> SeedPhoneRequestAsync(PortalUnderTest portal)
    {
        var at = new DateTimeOffset(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
        var callId = await portal.Get<ICallRecordStore>().StartAsync(new CallRecord { UniqueId = "1763795400.900", PracticeId = PracticeA, DialedNumber = "15550100", CallerId = "5559876543", StartedAt = at });
        return await portal.Get<IMessageStore>().SaveAsync(new PatientMessage
        {
            CallId = callId,
            PracticeId = PracticeA,
            Urgency = Urgency.Routine,
            CallbackNumber = "5559876543",
            CallerId = "5559876543",
            ReceivedAt = at,
            Appointment = PhoneRequest,
        });
    }

    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    private static async Task SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The inbox's row of one message.</summary>
    private static string Row(string html, long id)
    {
        var start = html.IndexOf($"data-message-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"message {id} is not in the inbox");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
