namespace Ivr.Domain.Desk;

/// <summary>
/// The operator desk as the people at it see it: each operator's status and the call offered to them or
/// that they are on (with the practice's card), the actions they take on it, and the supervisor's view of
/// the floor. Telephony implements it (the queue, the phones, the rooms); the portal shows it.
/// </summary>
public interface IDeskBoard
{
    /// <summary>Completes at the next change anywhere on the desk; read it again for the one after.</summary>
    Task Changed { get; }

    /// <summary>What <paramref name="operatorName"/> sees now: their status and their call, if any.</summary>
    DeskView View(string operatorName);

    /// <summary>The whole floor: callers waiting (in the desk's order) and every operator at the desk.</summary>
    DeskFloor Floor();

    /// <summary>
    /// The desk page of <paramref name="operatorName"/> is open (its event stream) until the result is disposed.
    /// While one is, a call offered to them rings their phone once the page shows the call's card
    /// (<see cref="CardShown"/>), so the card is in front of them before the phone rings; the desk does not wait
    /// for a page that is not open.
    /// </summary>
    IDisposable Watch(string operatorName);

    /// <summary>The desk page of <paramref name="operatorName"/> shows the card of <paramref name="callId"/> (the page says so as it draws it).</summary>
    void CardShown(string operatorName, string callId);

    /// <summary>
    /// Sets an operator's own status: <see cref="OperatorStatus.Available"/>, <see cref="OperatorStatus.OnBreak"/>
    /// (with a reason), <see cref="OperatorStatus.WrapUp"/> or <see cref="OperatorStatus.SignedOut"/>. Refused
    /// (with why) for any other status, a break without a reason, an operator without a phone, or while
    /// their phone rings or they are on a call.
    /// </summary>
    Task<DeskResult> SetStatusAsync(string operatorName, OperatorStatus status, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Saves the message form for the operator's current call: the same kind of message the IVR takes, typed. At most one per call.</summary>
    Task<DeskSaveResult> SaveMessageAsync(string operatorName, DeskMessageForm form, CancellationToken cancellationToken = default);

    /// <summary>Rings the practice's on-call chain into the operator's call (the doctor presses 1 to join). Refused without a call or while a patch is under way.</summary>
    Task<DeskResult> PatchAsync(string operatorName, CancellationToken cancellationToken = default);

    /// <summary>Sends the operator's caller to the nurse line or the practice's office; when nobody can take it the operator keeps the call and is told why.</summary>
    Task<DeskResult> TransferAsync(string operatorName, DeskTransferTarget target, CancellationToken cancellationToken = default);

    /// <summary>The operator leaves the call (the caller stays with a patched doctor, or the call ends) and goes to wrap-up.</summary>
    Task<DeskResult> ReleaseAsync(string operatorName, CancellationToken cancellationToken = default);
}
