using System.Reflection;
using Ivr.Domain.Practices;
using Ivr.Telephony.Practices;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Practices;

/// <summary>Needs a temporary folder: office information rendered ahead for every practice that offers it, and a missing sentence found before it is played.</summary>
public sealed class OfficeInformationRenderingTests : IDisposable
{
    private readonly string _sounds = Directory.CreateTempSubdirectory("ivr-office-").FullName;

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    private static Practice Practice(string id, bool offered, OfficeWords? words = null) => new()
    {
        Id = id,
        Name = id,
        Numbers = [],
        TimeZone = "America/New_York",
        Hours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Monday] = [new(new TimeOnly(8, 0), new TimeOnly(17, 0))] }),
        OfficeWords = words ?? new OfficeWords { Fax = "555-0142" },
        Menu = offered ? new MainMenuSettings { Options = [new(MainMenuChoice.Message, '1'), new(MainMenuChoice.OfficeInformation, '4')] } : MainMenuSettings.Default,
    };

    [Fact]
    public async Task EveryPracticeThatOffersOfficeInformationHasEachSentenceAheadRenderedAndAFailureStopsNoOther()
    {
        var failing = Practice("a-failing", offered: true, new OfficeWords { Address = "fail" });
        var harbor = Practice("harbor", offered: true);
        var plain = Practice("plain", offered: false);
        var prompts = new RecordingPrompts();
        var logger = new ListLogger<OfficeInformationRenderService>();
        var service = new OfficeInformationRenderService(Store.Of(failing, harbor, plain), prompts, new FakeTimeProvider(Now), logger);

        await service.RenderAllAsync(CancellationToken.None);

        Assert.Equal(OfficePrompts.Ahead(harbor, Now).Select(s => ("harbor", s)), prompts.Rendered.Where(r => r.Practice == "harbor"));
        Assert.Contains(("harbor", "We are closed now. We open again on Monday at 8 a.m."), prompts.Rendered);
        Assert.DoesNotContain(prompts.Rendered, r => r.Practice == "plain");
        Assert.Contains(logger.Lines, l => l.StartsWith("Error: The office information of practice a-failing could not be rendered", StringComparison.Ordinal));
    }

    [Fact]
    public void ARenderedSentenceIsThereByItsPromptIdAndAMissingOneIsLogged()
    {
        var renderer = new GreetingRenderer(Options.Create(new PromptsOptions { SoundsDirectory = _sounds }), new ListLogger<GreetingRenderer>());
        var logger = new ListLogger<RenderedPrompts>();
        var rendered = new RenderedPrompts(renderer, logger);
        var there = GreetingRenderer.PromptId("harbor", "Our fax number is 5 5 5, 0 1 4 2.");
        Directory.CreateDirectory(Path.Combine(_sounds, "ivr"));
        File.WriteAllBytes(renderer.PathOf(there), [0]);

        Assert.Equal(PracticePromptIds.Of("harbor", "Our fax number is 5 5 5, 0 1 4 2."), there);
        Assert.True(rendered.Has(there));
        Assert.False(rendered.Has(GreetingRenderer.PromptId("harbor", "We are closed now.")));
        Assert.Single(logger.Lines, l => l.StartsWith("Warning: The audio of rendered prompt greeting-harbor-", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_sounds, recursive: true);

    /// <summary>Keeps what it was asked to render; the words "fail" fail as flite would.</summary>
    private sealed class RecordingPrompts : IPracticePrompts
    {
        public List<(string Practice, string Text)> Rendered { get; } = [];

        public IReadOnlySet<string>? KnownIds() => null;

        public string? WordsOf(string promptId) => null;

        public string GreetingId(string practiceId, string text) => PracticePromptIds.Of(practiceId, text);

        public Task<string> RenderGreetingAsync(string practiceId, string text, CancellationToken cancellationToken = default)
        {
            if (text.Contains("fail", StringComparison.Ordinal))
            {
                throw new GreetingRenderException("'flite' failed to render the greeting (exit 1).");
            }

            Rendered.Add((practiceId, text));
            return Task.FromResult(GreetingId(practiceId, text));
        }
    }

    /// <summary>A practice store that only lists its practices; anything else is a mistake of the test.</summary>
    public class Store : DispatchProxy
    {
        private IReadOnlyList<Practice> _practices = [];

        public static IPracticeStore Of(params Practice[] practices)
        {
            var store = Create<IPracticeStore, Store>();
            ((Store)(object)store)._practices = practices;
            return store;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name == nameof(IPracticeStore.ListAsync)
            ? Task.FromResult(_practices)
            : throw new InvalidOperationException($"{targetMethod?.Name} is not used by the renderer.");
    }
}
