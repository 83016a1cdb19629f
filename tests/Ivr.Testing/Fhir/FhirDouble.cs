using System.Net;
using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Testing.Fhir;

/// <summary>
/// A small FHIR R4 server in the test process, standing in for a practice's EHR (no FHIR server is in
/// our registries). HTTP on 127.0.0.1 and a free port. It validates every resource it receives against
/// the R4 definitions, keeps Slots, Appointments and what else is sent, enforces If-Match and
/// If-None-Exist, hands bearer tokens only for a correctly signed SMART Backend Services assertion, and
/// can be told to be down, slow, refusing or failing (<see cref="Faults"/>). Tests seed it, then read back
/// every request and resource it received.
/// </summary>
public sealed partial class FhirDouble : IAsyncDisposable
{
    /// <summary>The path of the FHIR base under the double's root.</summary>
    public const string FhirPath = "/fhir";

    /// <summary>The path of the token endpoint under the double's root (a real EHR's is rarely under its FHIR base).</summary>
    public const string TokenPath = "/auth/token";

    private readonly WebApplication _app;
    private readonly FhirDoubleOptions _options;
    private readonly ClientAssertionVerifier _assertions;
    private readonly Lock _sync = new();
    private readonly FhirResourceStore _store = new();
    private readonly Dictionary<string, (string Client, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly List<ReceivedFhirRequest> _requests = [];
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FhirDouble(WebApplication app, FhirDoubleOptions options)
    {
        _app = app;
        _options = options;
        _assertions = new ClientAssertionVerifier(options.Time);
        Faults = new FhirFaults(options.Time);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The FHIR base URL a practice's settings name, e.g. <c>http://127.0.0.1:40123/fhir</c>.</summary>
    public string BaseUrl => Root.GetLeftPart(UriPartial.Authority) + FhirPath;

    /// <summary>The token endpoint (also in the base's <c>.well-known/smart-configuration</c>); an assertion's <c>aud</c>.</summary>
    public string TokenUrl => Root.GetLeftPart(UriPartial.Authority) + TokenPath;

    /// <summary>Down, slow, refusing, failing: per endpoint or for all.</summary>
    public FhirFaults Faults { get; }

    /// <summary>Starts a double on 127.0.0.1 and a free port; dispose it to stop it.</summary>
    public static async Task<FhirDouble> StartAsync(FhirDoubleOptions? options = null, CancellationToken cancellationToken = default)
    {
        // The empty builder reads no configuration: the test host's appsettings (with the portal's
        // Kestrel endpoints) must not reach the double.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fhir = new FhirDouble(app, options ?? new FhirDoubleOptions());
        app.Run(fhir.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fhir.Root = new Uri(address);
        return fhir;
    }

    /// <summary>Lets <paramref name="clientId"/> sign assertions with the private half of <paramref name="publicKey"/> (RSA for RS384, ECDSA P-384 for ES384).</summary>
    public void RegisterClient(string clientId, AsymmetricAlgorithm publicKey, string? keyId = null) =>
        _assertions.Register(clientId, publicKey, keyId);

    /// <summary>The same from a PEM key, RSA or EC (of a private key only the public half is kept).</summary>
    public void RegisterClientPem(string clientId, string pem, string? keyId = null)
    {
        AsymmetricAlgorithm key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            key = ECDsa.Create();
            key.ImportFromPem(pem);
        }

        using (key)
        {
            RegisterClient(clientId, key, keyId);
        }
    }

    /// <summary>The same from the client's public JWK or JWK set (what a practice's IT gives the EHR).</summary>
    public void RegisterClientJwk(string clientId, string jwk) => _assertions.RegisterJwk(clientId, jwk);

    /// <summary>Keeps <paramref name="resource"/> as if the EHR had it already (its id kept, or one given); returns it as kept, with version 1.</summary>
    public T Seed<T>(T resource)
        where T : Resource
    {
        lock (_sync)
        {
            return (T)_store.Keep(resource, _options.Time.GetUtcNow());
        }
    }

    /// <summary>A Schedule (whose Slots a practice's settings name) for a practitioner or location shown as <paramref name="actor"/>.</summary>
    public Schedule SeedSchedule(string id, string actor = "Dr. Test") => Seed(new Schedule
    {
        Id = id,
        Active = true,
        Actor = [new ResourceReference { Display = actor }],
    });

    /// <summary>A Slot of <paramref name="scheduleId"/> from <paramref name="start"/>, <paramref name="length"/> long.</summary>
    public Slot SeedSlot(string scheduleId, DateTimeOffset start, TimeSpan length, Slot.SlotStatus status = Slot.SlotStatus.Free) => Seed(new Slot
    {
        Schedule = new ResourceReference($"Schedule/{scheduleId}"),
        Status = status,
        Start = start,
        End = start + length,
    });

    /// <summary>A Patient with one official name and a birth date (<c>yyyy-MM-dd</c>).</summary>
    public Patient SeedPatient(string family, string given, string birthDate) => Seed(new Patient
    {
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = [given] }],
        BirthDate = birthDate,
    });

    /// <summary>What the double keeps now of type <typeparamref name="T"/> (copies), in the order first kept.</summary>
    public IReadOnlyList<T> Stored<T>()
        where T : Resource
    {
        lock (_sync)
        {
            return _store.All<T>();
        }
    }

    /// <summary>The kept resource <typeparamref name="T"/> with <paramref name="id"/>, or null.</summary>
    public T? Find<T>(string id)
        where T : Resource
    {
        lock (_sync)
        {
            return _store.Find(typeof(T).Name, id) as T;
        }
    }

    /// <summary>Every request received so far, in order, with what was answered.</summary>
    public IReadOnlyList<ReceivedFhirRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every resource received in a body (valid or not), parsed, in order.</summary>
    public IReadOnlyList<Resource> ReceivedResources => Requests.Where(r => r.Resource is not null).Select(r => r.Resource!).ToList();

    /// <summary>The first request received (already, or within <paramref name="timeout"/>) that <paramref name="match"/> accepts; fails the test otherwise.</summary>
    public async Task<ReceivedFhirRequest> ReceivedAsync(Func<ReceivedFhirRequest, bool> match, TimeSpan timeout, string what = "a matching FHIR request")
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_sync)
            {
                if (_requests.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                next = _received.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {what}; the FHIR double received: {string.Join("; ", Requests.Select(r => $"{r.Method} {r.PathAndQuery} -> {r.Status}"))}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Faults.Up();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Record(ReceivedFhirRequest request)
    {
        TaskCompletionSource received;
        lock (_sync)
        {
            _requests.Add(request);
            received = _received;
            _received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        received.TrySetResult();
    }
}
