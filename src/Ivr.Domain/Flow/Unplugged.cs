using System.Reflection;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>
/// What a voice script is built with when it is only described (diagrams): every line, store and
/// dialer refuses to be used, so building the real definition can never place or record a call.
/// </summary>
public class Unplugged : DispatchProxy
{
    /// <summary>An <typeparamref name="T"/> whose every member throws.</summary>
    public static T Of<T>()
        where T : class => Create<T, Unplugged>();

    internal static CallSession Session() =>
        new(0, "described", new PracticeProfile("described", "described", PromptIds.GreetingDefault, string.Empty, "UTC"), string.Empty, null);

    internal static CallDependencies Dependencies(CallFlowOptions options) =>
        new(Of<ICallRecordStore>(), Of<IMessageStore>(), Of<IPracticeDirectory>(), Of<IPhysicianDialer>(), TimeProvider.System, options);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new InvalidOperationException($"{targetMethod?.Name} was called on a voice script built only to be described.");
}
