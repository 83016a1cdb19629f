using Ivr.Domain.Desk;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: the name, dial string and password of an operator's softphone endpoint.</summary>
public sealed class OperatorEndpointTests
{
    [Theory]
    [InlineData("sam")]
    [InlineData("sam.lee")]
    [InlineData("sam_lee-2")]
    [InlineData("7am")]
    public void AUsernameOfLettersDigitsAndDotsUnderscoresAndHyphensNamesAnEndpoint(string username)
    {
        Assert.Null(OperatorEndpoint.Problem(username));
        Assert.Equal("op-" + username, OperatorEndpoint.Name(username));
        Assert.Equal("PJSIP/op-" + username, OperatorEndpoint.DialString(username));
        Assert.True(OperatorEndpoint.IsSoftphone(username, "PJSIP/op-" + username));
    }

    [Theory]
    [InlineData("sam@example.org")]
    [InlineData("Sam")]
    [InlineData("")]
    [InlineData(".sam")]
    [InlineData("-sam")]
    [InlineData("sam lee")]
    [InlineData("sam;transport=tcp")]
    [InlineData("sam,30")]
    public void AUsernameThatIsNotSafeAsASipUserNameIsRefusedByName(string username)
    {
        var problem = OperatorEndpoint.Problem(username);

        Assert.NotNull(problem);
        Assert.Contains("SIP user name", problem);
    }

    [Fact]
    public void ANameLongerThanAUsernameMayBeIsRefused()
    {
        Assert.Null(OperatorEndpoint.Problem(new string('a', 64)));
        Assert.NotNull(OperatorEndpoint.Problem(new string('a', 65)));
    }

    [Fact]
    public void AnotherDialStringIsNotTheSoftphone()
    {
        Assert.False(OperatorEndpoint.IsSoftphone("sam", "PJSIP/sipp/sip:sam@127.0.0.1:5090"));
        Assert.False(OperatorEndpoint.IsSoftphone("sam", "PJSIP/op-ada"));
        Assert.False(OperatorEndpoint.IsSoftphone("sam", null));
    }

    [Fact]
    public void PasswordsAreLongLettersAndDigitsAndNeverRepeat()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => OperatorEndpoint.NewPassword()).ToList();

        Assert.All(passwords, p => Assert.Equal(OperatorEndpoint.PasswordLength, p.Length));
        Assert.All(passwords, p => Assert.True(p.All(char.IsAsciiLetterOrDigit)));
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}
