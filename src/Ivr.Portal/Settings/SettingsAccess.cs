using Ivr.Data.Practices;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Settings;

/// <summary>
/// The one way the portal reaches a practice's settings: only the supervisor and the practice's own
/// admins see and change them. A change is checked by the rules practice files obey (and then as a
/// whole by the file reader itself), refused if the practice was saved since the form was loaded,
/// has its greeting rendered before anything is stored, and becomes a new revision in the user's
/// name. Every view, change and refusal is audited (<c>practice.settings.view</c>,
/// <c>practice.settings.change</c>, <c>practice.denied</c>).
/// </summary>
public sealed class SettingsAccess(
    IPracticeStore practices,
    IPracticePrompts prompts,
    IAuditLog audit,
    TimeProvider time,
    ILogger<SettingsAccess> logger)
{
    /// <summary>The generic greeting a practice falls back to when its typed words are cleared.</summary>
    public const string DefaultGreeting = "greeting-default";

    /// <summary>Opens a practice's settings and history for viewing; audited either way.</summary>
    public async Task<SettingsLookup> OpenAsync(PortalIdentity who, string practiceId, CancellationToken cancellationToken = default)
    {
        var practice = await practices.GetAsync(practiceId, cancellationToken);
        if (practice is null)
        {
            return new SettingsLookup(LookupStatus.NotFound);
        }

        if (!who.CanChangeSettingsOf(practiceId))
        {
            await DenyAsync(who, practiceId, "practice.settings.view", cancellationToken);
            return new SettingsLookup(LookupStatus.Denied);
        }

        var revisions = await practices.RevisionsAsync(practiceId, cancellationToken);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "practice.settings.view", "practice", practiceId, $"revision {(revisions.Count > 0 ? revisions[^1].Revision : 0)}"), cancellationToken);
        return new SettingsLookup(LookupStatus.Found, practice, revisions);
    }

    /// <summary>Refuses the list of every practice's settings to someone who is not the supervisor and has no practice (audited).</summary>
    public Task RefuseListAsync(PortalIdentity who, CancellationToken cancellationToken = default) =>
        DenyAsync(who, "*", "practice.list", cancellationToken);

    /// <summary>Every revision, newest first, with what it changed from the one before.</summary>
    public static IReadOnlyList<SettingsHistoryEntry> History(IReadOnlyList<PracticeRevision> revisions) =>
        revisions.Select((r, i) => new SettingsHistoryEntry(r.Revision, r.SavedAt, r.SavedBy, i == 0 ? [] : SettingsDiff.Between(revisions[i - 1].Practice, r.Practice)))
            .Reverse()
            .ToArray();

    /// <summary>The words callers hear first: the practice's own, else the manifest's for its prompt (empty when unknown).</summary>
    public string GreetingWords(Practice practice) =>
        practice.GreetingText.Length > 0 ? practice.GreetingText
        : prompts.WordsOf(practice.GreetingPromptId) ?? string.Empty;

    public async Task<SettingsOutcome> SaveAsync(PortalIdentity who, string practiceId, SettingsRequest request, CancellationToken cancellationToken = default)
    {
        var current = await practices.GetAsync(practiceId, cancellationToken);
        if (current is null)
        {
            return new SettingsOutcome(SettingsStatus.NotFound);
        }

        if (!who.CanChangeSettingsOf(practiceId))
        {
            await DenyAsync(who, practiceId, "practice.settings.change", cancellationToken);
            return new SettingsOutcome(SettingsStatus.Denied);
        }

        var errors = new List<SettingsError>();
        var candidate = SettingsValidator.Apply(current, request, errors);
        if (candidate is null)
        {
            return new SettingsOutcome(SettingsStatus.Invalid, Errors: errors);
        }

        // The form showed the manifest's words when the practice had none of its own: unchanged words keep the prompt.
        var renderGreeting = false;
        if (candidate.GreetingText == GreetingWords(current))
        {
            candidate = candidate with { GreetingText = current.GreetingText, GreetingPromptId = current.GreetingPromptId };
        }
        else if (candidate.GreetingText.Length == 0)
        {
            candidate = candidate with { GreetingPromptId = DefaultGreeting };
        }
        else
        {
            candidate = candidate with { GreetingPromptId = prompts.GreetingId(practiceId, candidate.GreetingText) };
            renderGreeting = true;
        }

        if (WholeFileErrors(candidate, renderGreeting) is { Count: > 0 } fileErrors)
        {
            return new SettingsOutcome(SettingsStatus.Invalid, Errors: fileErrors);
        }

        var revisions = await practices.RevisionsAsync(practiceId, cancellationToken);
        var stored = revisions.Count > 0 ? revisions[^1].Revision : 0;
        if (stored != request.Revision)
        {
            return await StaleAsync(who, practiceId, request.Revision, revisions[^1], cancellationToken);
        }

        var changes = SettingsDiff.Between(current, candidate);
        if (changes.Count == 0)
        {
            return new SettingsOutcome(SettingsStatus.Unchanged, stored, changes);
        }

        if (renderGreeting)
        {
            try
            {
                await prompts.RenderGreetingAsync(practiceId, candidate.GreetingText, cancellationToken);
            }
            catch (GreetingRenderException exception)
            {
                logger.LogError(exception, "The greeting of practice {PracticeId} could not be rendered; its settings were not saved", practiceId);
                return new SettingsOutcome(SettingsStatus.GreetingFailed, Errors: [new SettingsError("greeting", $"The greeting could not be made into audio, so nothing was saved: {exception.Message}")]);
            }
        }

        await RenderOfficeInformationAsync(current, candidate, cancellationToken);

        int revision;
        try
        {
            revision = await practices.SaveIfUnchangedAsync(candidate, who.Actor, request.Revision, cancellationToken);
        }
        catch (PracticeChangedException)
        {
            var latest = await practices.RevisionsAsync(practiceId, cancellationToken);
            return await StaleAsync(who, practiceId, request.Revision, latest[^1], cancellationToken);
        }

        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "practice.settings.change", "practice", practiceId,
            $"revision {revision}: {string.Join("; ", changes.Select(c => c.Text))}"), cancellationToken);
        logger.LogInformation("Settings of practice {PracticeId} saved as revision {Revision} by portal user {Username}: {Settings}", practiceId, revision, who.Username, string.Join(", ", changes.Select(c => c.Setting)));
        return new SettingsOutcome(SettingsStatus.Done, revision, changes);
    }

    /// <summary>
    /// The practice as a whole, through the very reader <c>ivr practice import</c> uses: whatever a file
    /// could not hold, the portal cannot save either.
    /// </summary>
    private List<SettingsError> WholeFileErrors(Practice candidate, bool greetingToRender)
    {
        var known = prompts.KnownIds()?.ToHashSet(StringComparer.Ordinal);
        if (greetingToRender)
        {
            known?.Add(candidate.GreetingPromptId);
        }

        const string Source = "settings";
        try
        {
            PracticeFileReader.Parse(PracticeFileWriter.Write(candidate), Source, known);
            return [];
        }
        catch (PracticeFileException exception)
        {
            // "settings:12: what" — the line of a file nobody sees means nothing here.
            return exception.Errors.Select(e => new SettingsError("practice", "The practice as a whole: " + e[(e.IndexOf(": ", StringComparison.Ordinal) + 2)..])).ToList();
        }
    }

    /// <summary>
    /// Makes the office information's sentences ahead into audio when what callers would hear changed (hours,
    /// holidays, closures, words, the menu). A failure does not refuse the settings: until the audio is made (the
    /// service tries again every hour) callers who choose it hear "please call back during office hours".
    /// </summary>
    private async Task RenderOfficeInformationAsync(Practice current, Practice candidate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (OfficePrompts.Ahead(candidate, now).SequenceEqual(OfficePrompts.Ahead(current, now)))
        {
            return;
        }

        try
        {
            await OfficePrompts.RenderAsync(candidate, prompts, now, cancellationToken);
        }
        catch (GreetingRenderException exception)
        {
            logger.LogError(exception, "The office information of practice {PracticeId} could not be rendered; its callers hear the fixed prompt until it is", candidate.Id);
        }
    }

    private async Task<SettingsOutcome> StaleAsync(PortalIdentity who, string practiceId, int loaded, PracticeRevision latest, CancellationToken cancellationToken)
    {
        logger.LogWarning("Portal user {Username} sent settings of practice {PracticeId} loaded from revision {Loaded}; it is at {Revision}", who.Username, practiceId, loaded, latest.Revision);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "practice.settings.stale", "practice", practiceId,
            $"change from revision {loaded} refused: revision {latest.Revision} saved by {latest.SavedBy} since"), cancellationToken);
        var clock = (await practices.GetAsync(practiceId, cancellationToken))?.Clock();
        var when = clock is null ? latest.SavedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : clock.Describe(latest.SavedAt);
        return new SettingsOutcome(SettingsStatus.Stale, latest.Revision, Errors:
        [
            new SettingsError("revision", $"These settings were changed by {latest.SavedBy} at {when} (revision {latest.Revision}) after you opened them (revision {loaded}). Nothing was saved. Reload the page to see their change, then make yours again."),
        ]);
    }

    private async Task DenyAsync(PortalIdentity who, string practiceId, string action, CancellationToken cancellationToken)
    {
        logger.LogWarning("Portal user {Username} ({Role}) was refused {Action} of practice {PracticeId}", who.Username, PortalRoles.Name(who.Role), action, practiceId);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "practice.denied", "practice", practiceId,
            $"{action} refused: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}, settings of {practiceId}"), cancellationToken);
    }
}
