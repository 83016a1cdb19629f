using System.Net;

namespace Ivr.Testing.Fhir;

/// <summary>
/// What the <see cref="FhirDouble"/> does instead of answering: on one endpoint (a <see cref="FhirRoute"/>)
/// or, with no route, on all of them. A fault set on a route wins over the global one; a new fault on a
/// scope replaces the one it had; <see cref="Up"/> brings a scope back.
/// </summary>
public sealed class FhirFaults
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FhirRoute, Fault> _routes = [];
    private readonly TimeProvider _time;
    private Fault? _global;

    internal FhirFaults(TimeProvider time) => _time = time;

    /// <summary>503 Service Unavailable (with an OperationOutcome) until <see cref="Up"/>.</summary>
    public void Down(FhirRoute? route = null) => Set(route, new Fault(FaultKind.Down));

    /// <summary>403 Forbidden with an OperationOutcome whose issue code is <c>forbidden</c>, until <see cref="Up"/>.</summary>
    public void Refuse(FhirRoute? route = null) => Set(route, new Fault(FaultKind.Refuse));

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/> (default 500) and an OperationOutcome; then the scope is up again.</summary>
    public void FailNext(int count, FhirRoute? route = null, HttpStatusCode status = HttpStatusCode.InternalServerError)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Set(route, new Fault(FaultKind.Fail) { Remaining = count, Status = status });
    }

    /// <summary>
    /// Requests wait before they are answered: until the returned hold is released or, with
    /// <paramref name="delay"/>, until that long has passed on the double's clock (advance a
    /// <c>FakeTimeProvider</c>). A client with a timeout of its own sees a server that times out.
    /// </summary>
    public FhirHold Slow(FhirRoute? route = null, TimeSpan? delay = null)
    {
        var hold = new FhirHold(delay, _time);
        Set(route, new Fault(FaultKind.Slow) { Hold = hold });
        return hold;
    }

    /// <summary>The scope answers normally again (with no route: every scope); held requests are released.</summary>
    public void Up(FhirRoute? route = null)
    {
        lock (_gate)
        {
            if (route is { } one)
            {
                if (_routes.Remove(one, out var fault))
                {
                    fault.Hold?.Release();
                }

                return;
            }

            _global?.Hold?.Release();
            _global = null;
            foreach (var fault in _routes.Values)
            {
                fault.Hold?.Release();
            }

            _routes.Clear();
        }
    }

    /// <summary>What the next request on <paramref name="route"/> meets; null when it is answered normally.</summary>
    internal FaultDecision? Next(FhirRoute route)
    {
        lock (_gate)
        {
            var fromRoute = _routes.TryGetValue(route, out var fault);
            fault ??= _global;
            if (fault is null)
            {
                return null;
            }

            if (fault.Kind == FaultKind.Fail && --fault.Remaining <= 0)
            {
                if (fromRoute)
                {
                    _routes.Remove(route);
                }
                else
                {
                    _global = null;
                }
            }

            return new FaultDecision(fault.Kind, fault.Status, fault.Hold);
        }
    }

    private void Set(FhirRoute? route, Fault fault)
    {
        lock (_gate)
        {
            Fault? previous;
            if (route is { } one)
            {
                _routes.Remove(one, out previous);
                _routes[one] = fault;
            }
            else
            {
                previous = _global;
                _global = fault;
            }

            previous?.Hold?.Release();
        }
    }

    internal enum FaultKind
    {
        Down,
        Refuse,
        Fail,
        Slow,
    }

    internal sealed record FaultDecision(FaultKind Kind, HttpStatusCode Status, FhirHold? Hold);

    private sealed class Fault(FaultKind kind)
    {
        public FaultKind Kind { get; } = kind;

        public int Remaining { get; set; }

        public HttpStatusCode Status { get; init; } = HttpStatusCode.InternalServerError;

        public FhirHold? Hold { get; init; }
    }
}
