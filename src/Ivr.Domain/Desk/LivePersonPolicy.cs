namespace Ivr.Domain.Desk;

/// <summary>Who takes a caller who asks for a live person, as the practice chose (<see cref="DeskSettings.LivePerson"/>).</summary>
public enum LivePersonPolicy
{
    /// <summary>The operators, whenever any is signed in; the on-call doctor otherwise. The default.</summary>
    OperatorsFirst,

    /// <summary>Always the on-call doctor (a small practice that wants it).</summary>
    DoctorDirect,

    /// <summary>The operators within <see cref="DeskSettings.OperatorHours"/> while any is signed in; the on-call doctor otherwise.</summary>
    OperatorsDuringHours,
}

/// <summary>Where a live-person request goes at one instant.</summary>
public enum LivePersonRoute
{
    Operators,
    Doctor,
}
