namespace Ivr.Domain.Desk;

/// <summary>The operators' phones, beside their portal accounts.</summary>
public interface IOperatorStore
{
    /// <summary>Sets (or, with null, clears) the phone the desk rings <paramref name="userId"/> on.</summary>
    Task SetPhoneAsync(long userId, string? phone, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every account that works the desk (the operator and nurse roles, and the supervisor's), by username, with its phone.</summary>
    Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default);
}
