using System.Text.Json;
using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs nothing: the command line and the portal write an enum as the same word, and pages show that word too.</summary>
public sealed class JsonWordsTests
{
    [Fact]
    public void EnumsAreWrittenAsLowerCaseWordsJoinedByHyphens()
    {
        var json = JsonSerializer.Serialize(new { Urgency = Urgency.Urgent, Status = MessageStatus.Acknowledged, Role = PortalRole.PracticeAdmin, State = CallState.MainMenu }, IvrJson.Indented);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("urgent", document.RootElement.GetProperty("Urgency").GetString());
        Assert.Equal("acknowledged", document.RootElement.GetProperty("Status").GetString());
        Assert.Equal("practice-admin", document.RootElement.GetProperty("Role").GetString());
        Assert.Equal(IvrJson.Word(CallState.MainMenu), document.RootElement.GetProperty("State").GetString());
        Assert.Equal("main-menu", IvrJson.Word(CallState.MainMenu));
    }
}
