using System.Text;
using Dapper;
using Ivr.Domain.Appointments;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;

namespace Ivr.Data.Tests;

/// <summary>Needs a temporary folder: appointment requests of every source in a real SQLite file.</summary>
public sealed class AppointmentRequestStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 15, 0, TimeSpan.Zero);

    private static readonly AppointmentRequest PhoneRequest = new(null)
    {
        Source = AppointmentSource.Phone,
        Standing = PatientStanding.New,
        BirthDate = new DateOnly(1987, 6, 15),
        Days = PreferredDays.Tuesday | PreferredDays.Thursday,
        Time = PreferredTime.Afternoon,
        Booked = new BookedAppointment("Appointment/canary-77", new DateTimeOffset(2026, 12, 8, 14, 30, 0, TimeSpan.FromHours(-5)), "Doctor Canary"),
    };

    [Theory]
    [BothDatabases]
    public async Task ACallersRequestReadsBackWholeAndItsDispatchJobKnowsItIsARequest(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, dispatch, callId) = await ArrangeAsync(temp);
        var message = Recorded(callId, PhoneRequest);

        var id = await messages.SaveAsync(message);

        Assert.Equal(message with { Id = id }, await messages.GetAsync(id));
        Assert.Equal(PhoneRequest, Assert.Single(await messages.InboxAsync(new InboxQuery("p"))).Appointment);
        var due = Assert.Single(await dispatch.DueAsync(Start, 10));
        Assert.Equal(PhoneRequest with { BirthDate = null, Booked = null }, due.Appointment);
    }

    [Theory]
    [BothDatabases]
    public async Task ARequestWithNothingBookedAndNoDateOfBirthReadsBackAsItWas(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var request = new AppointmentRequest(null) { Source = AppointmentSource.Phone };

        var id = await messages.SaveAsync(Recorded(callId, request) with { Partial = true });

        Assert.Equal(request, (await messages.GetAsync(id))!.Appointment);
    }

    [Theory]
    [BothDatabases]
    public async Task AMessageWithoutARequestStillReadsWithoutOne(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);

        var id = await messages.SaveAsync(Recorded(callId, null));

        Assert.Null((await messages.GetAsync(id))!.Appointment);
    }

    [Theory]
    [BothDatabases]
    public async Task TheDateOfBirthAndTheBookingAreNotInTheFileInPlainText(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        await messages.SaveAsync(Recorded(callId, PhoneRequest));
        var text = await temp.StoredTextAsync();
        // The whole date in the forms it could be written in plain: the year alone also turns up in the fractions of
        // seconds of the real times the file holds (a migration's stamp of 20:42:48.6719874 has it).
        foreach (var plain in new[] { "1987-06-15", "19870615", "06/15/1987", "15/06/1987" })
        {
            Assert.DoesNotContain(plain, text);
        }
        Assert.DoesNotContain("canary", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Phone", text);
    }

    [Theory]
    [BothDatabases]
    public async Task ATriageRequestKeepsItsWindowAndReadsAsATriages(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var request = new AppointmentRequest(Disposition.Within24Hours);

        var id = await messages.SaveAsync(Recorded(callId, request));

        var read = (await messages.GetAsync(id))!.Appointment!;
        Assert.Equal((Disposition.Within24Hours, AppointmentSource.Triage), (read.Window!.Value, read.Source));
    }

    [Theory]
    [BothDatabases]
    public async Task AnInboxOfRequestsOnlyChoosesThemBeforeItsLimitSoNewerMessagesHideNone(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var request = await messages.SaveAsync(Recorded(callId, PhoneRequest));
        for (var newer = 1; newer <= 3; newer++)
        {
            await messages.SaveAsync(Recorded(callId, null) with { ReceivedAt = Start.AddMinutes(newer) });
        }

        Assert.DoesNotContain(await messages.InboxAsync(new InboxQuery("p", Limit: 2)), m => m.Id == request);
        Assert.Equal([request], (await messages.InboxAsync(new InboxQuery("p", Limit: 2, AppointmentsOnly: true))).Select(m => m.Id));
    }

    private static PatientMessage Recorded(long callId, AppointmentRequest? request) => new()
    {
        CallId = callId,
        PracticeId = "p",
        Urgency = Urgency.Routine,
        CallbackNumber = "5559876543",
        CallerId = "5551230000",
        NameRecording = "/spool/1764645300.1-name-1.wav",
        MessageRecording = "/spool/1764645300.1-message-2.wav",
        MessageSeconds = 12,
        ReceivedAt = Start,
        Appointment = request,
    };

    private static async Task<(SqliteMessageStore Messages, SqliteDispatchStore Dispatch, long CallId)> ArrangeAsync(TempDatabase temp)
    {
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764645300.1", PracticeId = "p", DialedNumber = "15550100", CallerId = "5551230000", StartedAt = Start });
        return (new SqliteMessageStore(temp.Database, temp.Protector), new SqliteDispatchStore(temp.Database, temp.Protector), callId);
    }
}
