using System.Globalization;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.Support;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>Needs nothing: a date of birth and an appointment time said to the caller with SAY DATETIME, over a scripted FastAGI session.</summary>
public sealed class CallerDateTests
{
    [Theory]
    [InlineData(1990, 3, 5)]
    [InlineData(1955, 7, 4)]
    public async Task ADateOfBirthIsSaidAsMonthDayAndYearOfItsMidnightInUtcSoNoZoneMovesItADay(int year, int month, int day)
    {
        await using var agi = new ScriptedAgi("incoming", _ => null);
        var caller = new AgiCallerChannel(agi.Channel, new RecordingOptions(), new ConferenceOptions());

        await caller.SayDateAsync(new DateOnly(year, month, day), CancellationToken.None);

        var seconds = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var command = Assert.Single(agi.Commands, c => c.StartsWith("SAY DATETIME", StringComparison.Ordinal));
        Assert.StartsWith($"SAY DATETIME {seconds} ", command, StringComparison.Ordinal);
        Assert.EndsWith("BdY UTC", command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppointmentTimeIsThePracticesWallClockSaidAsIfUtcAndAKeyStopsIt()
    {
        await using var agi = new ScriptedAgi("incoming", line => line.StartsWith("SAY DATETIME", StringComparison.Ordinal) ? "200 result=50" : null);
        var caller = new AgiCallerChannel(agi.Channel, new RecordingOptions(), new ConferenceOptions());

        var key = await caller.SayTimeAsync(new DateTime(2026, 11, 24, 9, 30, 0), "0123", CancellationToken.None);

        Assert.Equal('2', key);
        var seconds = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Assert.Contains(agi.Commands, c => c.StartsWith($"SAY DATETIME {seconds} 0123 ", StringComparison.Ordinal) && c.EndsWith(" UTC", StringComparison.Ordinal));
    }
}
