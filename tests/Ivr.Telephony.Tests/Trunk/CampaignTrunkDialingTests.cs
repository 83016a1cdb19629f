using Ivr.Telephony.Outbound;
using Ivr.Telephony.Practices;
using Ivr.Telephony.Trunk;

namespace Ivr.Telephony.Tests.Trunk;

/// <summary>
/// Campaign calls through the carrier trunk: the patient's number in E.164 through the trunk's endpoint, the practice's
/// number as caller id (so the patient sees their doctor's office), a route by prefix still winning; without a trunk,
/// <c>Outbound:DialTemplate</c> as before.
/// </summary>
public sealed class CampaignTrunkDialingTests
{
    private static readonly TrunkDialing Trunk = new(new TrunkOptions { Endpoint = "carrier", ServiceNumber = "312-555-0199" }, new PracticesOptions());
    private static readonly TrunkDialing NoTrunk = new(new TrunkOptions(), new PracticesOptions());

    [Fact]
    public void WithATrunkACampaignCallGoesThroughItInE164() =>
        Assert.Equal("PJSIP/+13125550142@carrier", new OutboundLineOptions().DialString("+13125550142", Trunk));

    [Fact]
    public void ARouteByPrefixStillWinsOverTheTrunk()
    {
        var line = new OutboundLineOptions { Routes = { ["+1555"] = "PJSIP/sipp/sip:{number}@127.0.0.1:5090" } };

        Assert.Equal("PJSIP/sipp/sip:+15551230000@127.0.0.1:5090", line.DialString("+15551230000", Trunk));
        Assert.Equal("PJSIP/+13125550142@carrier", line.DialString("+13125550142", Trunk));
    }

    [Fact]
    public void WithoutATrunkTheDialTemplateDialsAsBefore() =>
        Assert.Equal("PJSIP/+13125550142@trunk", new OutboundLineOptions().DialString("+13125550142", NoTrunk));

    [Fact]
    public void ThroughTheTrunkThePatientSeesThePracticesNumberInE164() =>
        Assert.Equal("\"Riverside Pediatrics\" <+13125550100>", Trunk.PracticeCallerId("Riverside Pediatrics", "(312) 555-0100"));

    [Fact]
    public void ThroughTheTrunkAPracticeWithoutANumberACarrierCouldShowShowsTheServicesNumber() =>
        Assert.Equal("\"Riverside Pediatrics\" <+13125550199>", Trunk.PracticeCallerId("Riverside Pediatrics", "ext. 12"));

    [Fact]
    public void WithoutATrunkTheCallerIdIsTheNumberAsTheCampaignGaveIt() =>
        Assert.Equal("\"Riverside Pediatrics\" <15550100>", NoTrunk.PracticeCallerId("Riverside \"Pediatrics\"", "15550100"));
}
