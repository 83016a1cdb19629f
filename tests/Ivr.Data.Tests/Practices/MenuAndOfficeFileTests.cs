using Ivr.Data.Practices;
using Ivr.Data.Tests.Support;
using Ivr.Domain.Practices;

namespace Ivr.Data.Tests.Practices;

/// <summary>Needs nothing: the practice file's main menu (<c>menu:</c>) and office words (<c>office:</c>), read, checked with their lines, written back.</summary>
public sealed class MenuAndOfficeFileTests
{
    private const string Head = """
        id: riverside
        name: Riverside
        timeZone: America/New_York
        hours: { monday: "08:00-17:00" }

        """;

    [Fact]
    public void TheHarborFileOffersOfficeInformationAndAppointmentsInItsOrderWithItsWords()
    {
        var practice = PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "harbor-internal-medicine.yaml"));

        Assert.Equal(
            [new(MainMenuChoice.Message, '1'), new(MainMenuChoice.LivePerson, '2'), new(MainMenuChoice.Nurse, '3'), new(MainMenuChoice.OfficeInformation, '4'), new(MainMenuChoice.Appointment, '5')],
            practice.Menu.Options);
        Assert.Equal("808-555-0201", practice.OfficeWords.Fax);
        Assert.Equal("harborinternal.example", practice.OfficeWords.Website);
        Assert.StartsWith("1250 Harbor Street", practice.OfficeWords.Address, StringComparison.Ordinal);
        Assert.Equal("PJSIP/sipp/sip:office@127.0.0.1:5096", practice.Office!.DialString);
        Assert.Equal(practice.Menu.Options, PracticeFileReader.Parse(PracticeFileWriter.Write(practice), "exported.yaml").Menu.Options);
    }

    [Fact]
    public void AMenuAndOfficeWordsRoundTripThroughExportAndTheStoredDocument()
    {
        var practice = PracticeFileReader.Parse(Head + """
            office:
              address: "200 River Road, \"Suite\" 4"
              directions: Across from the library.
              website: riversidepeds.example
            menu: { office-information: 0, message: 2, live-person: 7 }
            """, "riverside.yaml");

        var exported = PracticeFileReader.Parse(PracticeFileWriter.Write(practice), "exported.yaml");
        var stored = Ivr.Data.PracticeDocument.Read(Ivr.Data.PracticeDocument.Write(practice));

        foreach (var again in new[] { exported, stored })
        {
            Assert.Equal([new(MainMenuChoice.OfficeInformation, '0'), new(MainMenuChoice.Message, '2'), new(MainMenuChoice.LivePerson, '7')], again.Menu.Options);
            Assert.Equal(practice.OfficeWords, again.OfficeWords);
            Assert.Null(again.Office);
        }

        Assert.Equal("200 River Road, \"Suite\" 4", practice.OfficeWords.Address);
        Assert.Equal(string.Empty, practice.OfficeWords.Fax);
    }

    [Fact]
    public void APracticeWithoutAMenuHasTodaysAndExportsNone()
    {
        var practice = PracticeFileReader.Parse(Head, "riverside.yaml");

        Assert.Same(MainMenuSettings.Default, practice.Menu);
        Assert.True(practice.OfficeWords.IsEmpty);
        Assert.DoesNotContain("menu:", PracticeFileWriter.Write(practice), StringComparison.Ordinal);
        Assert.DoesNotContain("office:", PracticeFileWriter.Write(practice), StringComparison.Ordinal);
        Assert.True(MainMenuRules.IsDefault(Ivr.Data.PracticeDocument.Read(Ivr.Data.PracticeDocument.Write(practice)).Menu));
    }

    [Theory]
    [InlineData("menu: { live-person: 2 }", "riverside.yaml:5: the menu must offer the message choice (message: 1): a caller can always leave a message")]
    [InlineData("menu: { message: 1, live-person: 1 }", "riverside.yaml:5: key 1 is given to message and live-person; each choice needs its own key")]
    [InlineData("menu: { message: 1, concierge: 2 }", "riverside.yaml:5: 'concierge' is not a menu choice; choose from message, live-person, nurse, office-information, appointment")]
    [InlineData("menu: { message: 12 }", "riverside.yaml:5: message: a menu key is one digit 0-9, not '12'")]
    [InlineData("menu: { message: \"*\" }", "riverside.yaml:5: message: a menu key is one digit 0-9, not '*'")]
    [InlineData("menu: [message]", "riverside.yaml:5: menu is a mapping of choices to keys, in the order callers hear them: { message: 1, live-person: 2, office-information: 4 }")]
    [InlineData("office: { fax: \"call us\" }", "riverside.yaml:5: fax 'call us' is not a phone number: digits, spaces and + ( ) - . only")]
    [InlineData("office: { website: \"not a site\" }", "riverside.yaml:5: website 'not a site' is not a web address like riversidepeds.example")]
    [InlineData("office: { ringSeconds: 20 }", "riverside.yaml:5: ringSeconds is how long the office line rings: give its dial too")]
    [InlineData("office: { adress: \"200 River Road\" }", "riverside.yaml:5: unknown key 'adress' (expected one of: dial, ringSeconds, address, directions, fax, website)")]
    public void MenuAndOfficeMistakesAreReportedWithTheirLines(string section, string error)
    {
        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(Head + section, "riverside.yaml")).Errors;

        Assert.Contains(error, errors);
    }

    [Fact]
    public void OfficeInformationWithNothingToSayIsRefused()
    {
        const string text = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            menu: { message: 1, office-information: 4 }
            """;

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Equal("riverside.yaml:4: the menu offers office-information, but the practice has no hours and no office words (office: address, directions, fax, website) to say", Assert.Single(errors));
    }

    [Fact]
    public void AnOfficeWordLongerThanACallerWouldListenToIsRefused()
    {
        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(Head + $"office: {{ directions: \"{new string('a', OfficeWords.MaxLength + 1)}\" }}", "riverside.yaml")).Errors;

        Assert.StartsWith($"riverside.yaml:5: the office directions is {OfficeWords.MaxLength + 1} characters", Assert.Single(errors), StringComparison.Ordinal);
    }
}
