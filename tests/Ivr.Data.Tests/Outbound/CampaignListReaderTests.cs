using Ivr.Data.Outbound;

namespace Ivr.Data.Tests.Outbound;

/// <summary>Needs nothing: a campaign's patient list read from CSV, every bad row reported with its line, nothing taken from a file that is not clean.</summary>
public sealed class CampaignListReaderTests
{
    [Fact]
    public void ACleanListGivesEachPatientWithTheirNumberInE164AndTheirLine()
    {
        const string csv = """
            Name,Phone,Email,Appointment,Clinician
            Maria Lopez,(312) 555-0142,maria@example.org,2026-12-03 09:30,dr-lee
            "Ortiz, Leo",+1 312 555 0199,,,

            Ana Kahale,312.555.0100,,2026-12-04 14:00,
            """;

        var patients = CampaignListReader.Read(new StringReader(csv), "list.csv");

        Assert.Equal(["+13125550142", "+13125550199", "+13125550100"], patients.Select(p => p.Phone));
        Assert.Equal(["Maria Lopez", "Ortiz, Leo", "Ana Kahale"], patients.Select(p => p.Name));
        Assert.Equal([2, 3, 5], patients.Select(p => p.Line));
        Assert.Equal(("maria@example.org", new DateTime(2026, 12, 3, 9, 30, 0), "dr-lee"), (patients[0].Email, patients[0].Appointment!.Value, patients[0].Clinician));
        Assert.Equal((null, null, null), (patients[1].Email, patients[1].Appointment, patients[1].Clinician));
    }

    [Fact]
    public void EveryBadRowIsReportedWithItsLineAndNothingIsTaken()
    {
        const string csv = """
            phone,name,email,appointment
            312 555 0142,Maria Lopez,,
            555-0100,Too Short,,
            not a number,Leo Ortiz,,
            (312) 555-0142,Maria Again,,
            312 555 0177,,maria@,2026-13-40 09:00
            """;

        var errors = Assert.Throws<CampaignListException>(() => CampaignListReader.Read(new StringReader(csv), "list.csv")).Errors;

        Assert.Equal(
            [
                "list.csv:3: '555-0100' is not a valid phone number; it will not be dialled",
                "list.csv:4: 'not a number' is not a phone number; it will not be dialled",
                "list.csv:5: the same number as line 2; each patient once",
                "list.csv:6: the name is empty",
                "list.csv:6: 'maria@' is not an email address",
                "list.csv:6: the appointment '2026-13-40 09:00' is not a time written yyyy-MM-dd HH:mm",
            ],
            errors);
    }

    [Fact]
    public void AHeaderWithoutThePhoneOrWithAnUnknownColumnIsRefusedBeforeAnyRow()
    {
        const string csv = """
            name,mobile
            Maria Lopez,312 555 0142
            """;

        var errors = Assert.Throws<CampaignListException>(() => CampaignListReader.Read(new StringReader(csv), "list.csv")).Errors;

        Assert.Equal(["list.csv:1: unknown column 'mobile'; the columns are name, phone, email, appointment, clinician", "list.csv:1: the column 'phone' is missing"], errors);
    }

    [Fact]
    public void AnEmptyFileOrOneWithOnlyItsHeaderIsRefused()
    {
        Assert.Equal(["list.csv:1: the file is empty: its first line names the columns (name, phone, email, appointment, clinician)"], Assert.Throws<CampaignListException>(() => CampaignListReader.Read(new StringReader(""), "list.csv")).Errors);
        Assert.Equal(["list.csv: the list has no patients"], Assert.Throws<CampaignListException>(() => CampaignListReader.Read(new StringReader("name,phone\n"), "list.csv")).Errors);
    }

    [Fact]
    public void ANumberFromAnotherCountryNeedsItsCountryCode()
    {
        var patients = CampaignListReader.Read(new StringReader("name,phone\nAlex Dupont,+33 1 42 68 53 00\n"), "list.csv");

        Assert.Equal("+33142685300", Assert.Single(patients).Phone);
    }
}
