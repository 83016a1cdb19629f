using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Prompts;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs nothing but a temporary SQLite file: <c>ivr prompt-pin</c> keeps the prompt line's PINs as hashes, PINs from standard input.</summary>
public sealed class PromptPinCommandTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task SetKeepsOnlyASaltedHashOfThePinFromStandardInputAndAuditsIt()
    {
        await using var service = await ArrangeAsync();

        var (exit, output) = await service.RunWithInputAsync("735921\n", "prompt-pin", "set", "amy", "--by", "sam");

        Assert.Equal(0, exit);
        Assert.Contains("amy: prompt-line PIN set; they record riverside-pediatrics's prompts and greeting.", output);
        Assert.DoesNotContain("735921", output);
        var amy = await service.Get<IUserStore>().FindAsync("amy");
        var pin = Assert.Single(await service.Get<IPromptPinStore>().AllAsync());
        Assert.Equal(amy!.Id, pin.UserId);
        Assert.True(PromptPinHash.Matches("735921", pin.Hash));
        Assert.DoesNotContain("735921", pin.Hash);
        var audit = Assert.Single(await service.Get<IAuditLog>().ListAsync(50), e => e.Action == "prompt-pin.set");
        Assert.Equal("amy", audit.SubjectId);
        Assert.DoesNotContain("735921", audit.Detail);
    }

    [Fact]
    public async Task SettingAgainReplacesThePinAndRemoveTakesItAway()
    {
        await using var service = await ArrangeAsync();
        await service.RunWithInputAsync("735921", "prompt-pin", "set", "sam");

        var (againExit, again) = await service.RunWithInputAsync("602718", "prompt-pin", "set", "sam");
        var pin = Assert.Single(await service.Get<IPromptPinStore>().AllAsync());
        var (removeExit, _) = await service.RunAsync("prompt-pin", "remove", "sam");
        var (secondExit, second) = await service.RunAsync("prompt-pin", "remove", "sam");

        Assert.Equal(0, againExit);
        Assert.Contains("they record the shared prompts", again);
        Assert.True(PromptPinHash.Matches("602718", pin.Hash));
        Assert.False(PromptPinHash.Matches("735921", pin.Hash));
        Assert.Equal(0, removeExit);
        Assert.Empty(await service.Get<IPromptPinStore>().AllAsync());
        Assert.Equal(2, secondExit);
        Assert.Contains("sam has no prompt-line PIN", second);
    }

    [Theory]
    [InlineData("amy", "1234", "6 to 12 digits")]
    [InlineData("amy", "111111", "too easy to guess")]
    [InlineData("lee", "735921", "only a supervisor or a practice admin records prompts")]
    [InlineData("nobody", "735921", "no user 'nobody'")]
    public async Task AWeakPinOrAnAccountThatRecordsNoPromptsIsRefused(string user, string pin, string complaint)
    {
        await using var service = await ArrangeAsync();

        var (exit, output) = await service.RunWithInputAsync(pin, "prompt-pin", "set", user);

        Assert.Equal(2, exit);
        Assert.Contains(complaint, output);
        Assert.Empty(await service.Get<IPromptPinStore>().AllAsync());
    }

    [Fact]
    public async Task TwoAccountsCannotShareAPinBecauseTheLineKnowsACallerByItAlone()
    {
        await using var service = await ArrangeAsync();
        await service.RunWithInputAsync("735921", "prompt-pin", "set", "amy");

        var (exit, output) = await service.RunWithInputAsync("735921", "prompt-pin", "set", "sam");

        Assert.Equal(2, exit);
        Assert.Contains("another account has this PIN", output);
        Assert.Single(await service.Get<IPromptPinStore>().AllAsync());
    }

    private static async Task<TempService> ArrangeAsync()
    {
        var service = await new TempService().MigratedAsync();
        await service.Get<IPracticeStore>().SaveAsync(
            new Practice
            {
                Id = "riverside-pediatrics",
                Name = "Riverside Pediatrics",
                TimeZone = "America/New_York",
                Numbers = ["15550100"],
                Clinicians = [new Clinician("dr-lee", "Dr. Amy Lee", ClinicianRole.Physician, [])],
            },
            "test");
        await service.RunWithInputAsync(Password, "user", "add", "amy", "--role", "practice-admin", "--practice", "riverside-pediatrics");
        await service.RunWithInputAsync(Password, "user", "add", "sam", "--role", "supervisor");
        await service.RunWithInputAsync(Password, "user", "add", "lee", "--role", "clinician", "--practice", "riverside-pediatrics", "--clinician", "dr-lee");
        return service;
    }
}
