using Ivr.Domain.Practices;
using Ivr.Telephony.Practices;
using Ivr.Telephony.Trunk;

namespace Ivr.Telephony.Tests.Trunk;

/// <summary>
/// Dial strings and caller ids with a carrier trunk (E.164 through <c>PJSIP/…@trunk</c>, the practice's number on a
/// patient's callback, the service's on pages) and without one (exactly what the service dialled before).
/// </summary>
public sealed class TrunkDialingTests
{
    private static readonly TrunkOptions Carrier = new() { Endpoint = "carrier", ServiceNumber = "(312) 555-0199" };

    private static TrunkDialing Dialing(TrunkOptions trunk) => new(trunk, new PracticesOptions());

    private static Practice Riverside(params string[] numbers) => new()
    {
        Id = "riverside",
        Name = "Riverside \"Kids\" Pediatrics",
        Numbers = numbers,
        TimeZone = "America/Chicago",
        Hours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>()),
    };

    [Theory]
    [InlineData("3125550142", "PJSIP/+13125550142@carrier")]
    [InlineData("13125550142", "PJSIP/+13125550142@carrier")]
    [InlineData("+1 (312) 555-0142", "PJSIP/+13125550142@carrier")]
    [InlineData("+44 20 7946 0958", "PJSIP/+442079460958@carrier")]
    public void APhoneNumberIsDialledThroughTheTrunkInE164(string number, string expected) =>
        Assert.Equal(expected, Dialing(Carrier).PhoneDialString(number));

    [Fact]
    public void ANumberOfAnotherRegionIsReadInTheTrunksRegion() =>
        Assert.Equal("PJSIP/+442079460958@carrier", Dialing(new TrunkOptions { Endpoint = "carrier", Region = "GB" }).PhoneDialString("020 7946 0958"));

    [Fact]
    public void WithoutATrunkAPhoneNumberGoesThroughThePracticesTemplateAsBefore()
    {
        var dialing = new TrunkDialing(new TrunkOptions(), new PracticesOptions { PhoneDialTemplate = "PJSIP/sipp/sip:{number}@127.0.0.1:5090" });

        Assert.Equal("PJSIP/sipp/sip:3125550142@127.0.0.1:5090", dialing.PhoneDialString("(312) 555-0142"));
        Assert.Equal("PJSIP/3125550142@trunk", Dialing(new TrunkOptions()).PhoneDialString("312-555-0142"));
    }

    [Fact]
    public void APhoneContactGoesThroughTheTrunkAndASipContactIsDialledAsWritten()
    {
        var dialing = Dialing(Carrier);

        Assert.Equal("PJSIP/+13125550142@carrier", dialing.DialString(new ContactMethod(ContactKind.Phone, "312-555-0142", true)));
        Assert.Equal("PJSIP/sipp/sip:lee@127.0.0.1:5080", dialing.DialString(new ContactMethod(ContactKind.Sip, "PJSIP/sipp/sip:lee@127.0.0.1:5080", true)));
    }

    [Fact]
    public void PagesAndClinicianCallsShowTheServicesNumberThroughTheTrunk()
    {
        Assert.Equal("\"Answering service\" <+13125550199>", Dialing(Carrier).ServiceCallerId("Answering service"));
        Assert.Equal("\"Answering service\" <answering-service>", Dialing(new TrunkOptions { Endpoint = "carrier" }).ServiceCallerId("Answering service"));
        Assert.Equal("\"Answering service\" <answering-service>", Dialing(new TrunkOptions { ServiceNumber = "3125550199" }).ServiceCallerId("Answering service"));
    }

    [Fact]
    public void APatientsCallbackShowsThePracticesNumberInE164ThroughTheTrunk()
    {
        Assert.Equal("\"Riverside Kids Pediatrics\" <+13125550100>", Dialing(Carrier).PracticeCallerId(Riverside("3125550100", "3125550101")));
    }

    [Fact]
    public void APracticeWithoutANumberACarrierCanShowCallsBackWithTheServicesNumber()
    {
        Assert.Equal("\"Riverside Kids Pediatrics\" <+13125550199>", Dialing(Carrier).PracticeCallerId(Riverside("15550100")));
        Assert.Equal("\"Answering service\" <+13125550199>", Dialing(Carrier).PracticeCallerId(null));
    }

    [Fact]
    public void WithoutATrunkACallbackShowsThePracticesNumberAsStored()
    {
        Assert.Equal("\"Riverside Kids Pediatrics\" <15550100>", Dialing(new TrunkOptions()).PracticeCallerId(Riverside("15550100")));
        Assert.Equal("\"Answering service\" <answering-service>", Dialing(new TrunkOptions()).PracticeCallerId(null));
    }
}
